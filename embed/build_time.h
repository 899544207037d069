// Which moment the validity checks use. Reproducible builds pin it with SOURCE_DATE_EPOCH
// (https://reproducible-builds.org/specs/source-date-epoch/); tests pin it with --now.
#ifndef GCATRUST_EMBED_BUILD_TIME_H_
#define GCATRUST_EMBED_BUILD_TIME_H_

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "installer/result.h"

namespace gcatrust::embed {

/// Parses a decimal count of seconds since the Unix epoch; `what` names the source in errors.
Result<std::time_t> ParseEpochSeconds(std::string_view text, std::string_view what);

/// --now if given, else SOURCE_DATE_EPOCH if set and non-empty, else the current time.
/// A malformed value is an error rather than a silent fallback to the clock.
Result<std::time_t> ResolveNow(const std::optional<std::string>& now_flag,
                               const char* source_date_epoch);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_BUILD_TIME_H_
