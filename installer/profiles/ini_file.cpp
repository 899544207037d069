#include "installer/profiles/ini_file.h"

namespace gcatrust {
namespace {

// nsINIParser.cpp: kWhitespace = " \t", kNL = "\r\n".
constexpr std::string_view kWhitespace = " \t";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

IniFile IniFile::Parse(std::string_view text) {
  IniFile ini;
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());

  std::optional<std::string> section;
  while (!text.empty()) {
    const size_t end = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);

    if (line.empty() || line[0] == '#' || line[0] == ';') continue;  // comment
    const size_t start = line.find_first_not_of(kWhitespace);
    if (start == std::string_view::npos) continue;  // blank
    line.remove_prefix(start);

    if (line[0] == '[') {
      const size_t close = line.find(']');
      const bool well_formed =
          close != std::string_view::npos && close > 1 &&
          line.find_first_not_of(kWhitespace, close + 1) == std::string_view::npos;
      section.reset();
      if (well_formed) {
        section = std::string(line.substr(1, close - 1));
        if (ini.values_.emplace(*section, std::map<std::string, std::string>{}).second) {
          ini.order_.push_back(*section);
        }
      }
      continue;
    }
    if (!section) continue;

    const size_t equals = line.find('=');
    if (equals == std::string_view::npos || equals == 0) continue;
    ini.values_[*section][std::string(line.substr(0, equals))] =
        std::string(line.substr(equals + 1));
  }
  return ini;
}

std::optional<std::string> IniFile::Get(const std::string& section, const std::string& key) const {
  auto s = values_.find(section);
  if (s == values_.end()) return std::nullopt;
  auto v = s->second.find(key);
  if (v == s->second.end()) return std::nullopt;
  return v->second;
}

}  // namespace gcatrust
