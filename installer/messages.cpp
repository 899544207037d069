#include "installer/messages.h"

namespace gcatrust {

std::string Say(Lang lang, const Text& text, std::initializer_list<std::string> args) {
  const std::string_view pattern = lang == Lang::kTraditionalChinese ? text.zh_tw : text.en;
  std::string out;
  auto arg = args.begin();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{}") == 0 && arg != args.end()) {
      out += *arg++;
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::optional<Lang> ParseLang(std::string_view name) {
  if (name == "en") return Lang::kEnglish;
  if (name == "zh-TW" || name == "zh_TW" || name == "zh-Hant" || name == "zh") {
    return Lang::kTraditionalChinese;
  }
  return std::nullopt;
}

Lang LangFromLocale(const Environment& env) {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    auto value = env.GetVariable(var);
    if (!value || value->empty()) continue;
    return value->rfind("zh", 0) == 0 ? Lang::kTraditionalChinese : Lang::kEnglish;
  }
  return Lang::kEnglish;
}

}  // namespace gcatrust
