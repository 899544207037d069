#include "installer/profiles/passwd_file.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace gcatrust {
namespace {

std::optional<std::uint32_t> ParseId(std::string_view text) {
  std::uint32_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

}  // namespace

Result<std::vector<UserAccount>> ParsePasswdFile(std::string_view text) {
  std::vector<UserAccount> users;
  int line_number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Comments and the NIS compat entries ("+", "+name", "-@group") name no local home
    // (passwd(5), nsswitch.conf(5) "compat").
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;

    std::vector<std::string_view> fields;
    for (size_t start = 0;;) {
      const size_t colon = line.find(':', start);
      fields.push_back(line.substr(start, colon - start));
      if (colon == std::string_view::npos) break;
      start = colon + 1;
    }
    const std::string where = "/etc/passwd line " + std::to_string(line_number);
    if (fields.size() != 7) {
      return Status::Error(where + ": expected 7 ':'-separated fields, found " +
                           std::to_string(fields.size()));
    }
    std::optional<std::uint32_t> uid = ParseId(fields[2]);
    std::optional<std::uint32_t> gid = ParseId(fields[3]);
    if (!uid || !gid) return Status::Error(where + ": UID and GID must be numbers");
    users.push_back(UserAccount{std::string(fields[0]), *uid, *gid,
                                std::filesystem::u8path(fields[5].begin(), fields[5].end())});
  }
  return users;
}

}  // namespace gcatrust
