// The text of --json output. A path on Linux may be any bytes, but JSON text is UTF-8:
// nlohmann::json's dump throws type_error 316 on an invalid byte, which would stop the whole run
// after the work was done. Invalid bytes are shown as U+FFFD instead (the human-readable output
// keeps the exact bytes; installer/deploy/status-json.md says so).
#ifndef GCATRUST_INSTALLER_JSON_OUTPUT_H_
#define GCATRUST_INSTALLER_JSON_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>

namespace gcatrust {

inline std::string JsonOutputText(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', /*ensure_ascii=*/false,
                       nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_JSON_OUTPUT_H_
