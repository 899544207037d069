#include "embed/build_time.h"

#include <charconv>
#include <cstdint>

namespace gcatrust::embed {

Result<std::time_t> ParseEpochSeconds(std::string_view text, std::string_view what) {
  std::int64_t seconds = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, seconds);
  if (text.empty() || error != std::errc() || stop != end || seconds < 0) {
    return Status::Error(std::string(what) +
                         " must be a non-negative integer number of "
                         "seconds since 1970-01-01, got \"" +
                         std::string(text) + "\"");
  }
  return static_cast<std::time_t>(seconds);
}

Result<std::time_t> ResolveNow(const std::optional<std::string>& now_flag,
                               const char* source_date_epoch) {
  if (now_flag) return ParseEpochSeconds(*now_flag, "--now");
  if (source_date_epoch != nullptr && *source_date_epoch != '\0') {
    return ParseEpochSeconds(source_date_epoch, "SOURCE_DATE_EPOCH");
  }
  return std::time(nullptr);
}

}  // namespace gcatrust::embed
