// JSON of the NSS worker's job and results. Shapes:
//   job:     {"op": "install"|"uninstall"|"status", "nss_dir": "<hex>", "databases": ["<hex>"],
//             "create_dirs": ["<hex>"] (optional),
//             "certs": [{"id": "...", "nickname": "...", "der": "<lowercase hex>"}]}
//   results: {"results": [{"database": "<hex>", "outcome": "changed"|"unchanged"|"failed"|
//             "primary_password"|"nss_unavailable", "error": "...",
//             "certs": [{"id": "...", "state": "missing"|"present"|"trusted"}]}]}
//   or, when the worker could not read its job: {"error": "..."}.
// Paths travel as hex of their bytes: a Linux folder name may be any bytes, a JSON string must be
// UTF-8 (nlohmann::json's dump throws type_error 316 on anything else, which stopped the whole
// run for a profile folder named in Latin-1). Error texts are for people and may quote such a
// path, so their invalid bytes are replaced (U+FFFD) rather than refused.
#include "installer/nss/nss_job.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace gcatrust {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<NssOperation, const char*>, 3> kOperations = {{
    {NssOperation::kInstall, "install"},
    {NssOperation::kUninstall, "uninstall"},
    {NssOperation::kStatus, "status"},
}};
constexpr std::array<std::pair<NssOutcome, const char*>, 5> kOutcomes = {{
    {NssOutcome::kChanged, "changed"},
    {NssOutcome::kUnchanged, "unchanged"},
    {NssOutcome::kFailed, "failed"},
    {NssOutcome::kPrimaryPassword, "primary_password"},
    {NssOutcome::kNssUnavailable, "nss_unavailable"},
}};
constexpr std::array<std::pair<NssCertState, const char*>, 3> kCertStates = {{
    {NssCertState::kMissing, "missing"},
    {NssCertState::kPresent, "present"},
    {NssCertState::kTrusted, "trusted"},
}};

template <typename Enum, size_t N>
const char* NameOf(const std::array<std::pair<Enum, const char*>, N>& names, Enum value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "";
}

template <typename Enum, size_t N>
Result<Enum> ValueOf(const std::array<std::pair<Enum, const char*>, N>& names,
                     const std::string& what, const std::string& name) {
  for (const auto& [v, n] : names) {
    if (name == n) return v;
  }
  return Status::Error("unknown " + what + " \"" + name + "\"");
}

std::string ToHex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0f]);
  }
  return hex;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> FromHex(const std::string& hex) {
  if (hex.size() % 2 != 0) return Status::Error("odd number of hex digits");
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int high = HexDigit(hex[i]);
    int low = HexDigit(hex[i + 1]);
    if (high < 0 || low < 0) return Status::Error("not a hex digit at " + std::to_string(i));
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

// Parses text; an unreadable document is a Status, not an exception.
Result<json> Parse(const std::string& text, const std::string& what) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Status::Error(what + " is not valid JSON");
  if (!document.is_object()) return Status::Error(what + " is not a JSON object");
  return document;
}

std::vector<std::string> ToHex(const std::vector<std::string>& list) {
  std::vector<std::string> hex;
  hex.reserve(list.size());
  for (const std::string& item : list) hex.push_back(ToHex(item));
  return hex;
}

Result<std::vector<std::string>> FromHex(const std::vector<std::string>& list,
                                         const std::string& what) {
  std::vector<std::string> bytes;
  bytes.reserve(list.size());
  for (const std::string& item : list) {
    Result<std::string> decoded = FromHex(item);
    if (!decoded.ok()) return Status::Error(what + ": " + decoded.message());
    bytes.push_back(std::move(decoded).value());
  }
  return bytes;
}

// Compact text of a document whose strings may hold bytes that are not UTF-8 (error texts only:
// paths are hex already).
std::string DumpReplacingInvalidUtf8(const json& document) {
  return document.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

}  // namespace

std::string NssWorkerErrorToJson(const std::string& error) {
  return DumpReplacingInvalidUtf8(json{{"error", error}});
}

std::string NssJobToJson(const NssJob& job) {
  json certs = json::array();
  for (const NssCert& cert : job.certs) {
    certs.push_back({{"id", cert.id}, {"nickname", cert.nickname}, {"der", ToHex(cert.der)}});
  }
  json document = {{"op", NameOf(kOperations, job.op)},
                   {"nss_dir", ToHex(job.nss_dir)},
                   {"databases", ToHex(job.databases)},
                   {"create_dirs", ToHex(job.create_dirs)},
                   {"certs", certs}};
  return document.dump();  // every string is ASCII: names from the manifest, hex
}

Result<NssJob> NssJobFromJson(const std::string& text) {
  Result<json> parsed = Parse(text, "NSS job");
  if (!parsed.ok()) return parsed.status();
  const json& document = parsed.value();
  // Wrong member types throw json::type_error; they are caught here, at the JSON boundary.
  try {
    NssJob job;
    Result<NssOperation> op =
        ValueOf(kOperations, "NSS operation", document.at("op").get<std::string>());
    if (!op.ok()) return op.status();
    job.op = op.value();
    Result<std::string> nss_dir = FromHex(document.value("nss_dir", ""));
    if (!nss_dir.ok()) return Status::Error("NSS job: nss_dir: " + nss_dir.message());
    job.nss_dir = std::move(nss_dir).value();
    Result<std::vector<std::string>> databases =
        FromHex(document.at("databases").get<std::vector<std::string>>(), "NSS job: databases");
    if (!databases.ok()) return databases.status();
    job.databases = std::move(databases).value();
    if (document.contains("create_dirs")) {
      Result<std::vector<std::string>> create_dirs = FromHex(
          document.at("create_dirs").get<std::vector<std::string>>(), "NSS job: create_dirs");
      if (!create_dirs.ok()) return create_dirs.status();
      job.create_dirs = std::move(create_dirs).value();
    }
    for (const json& entry : document.at("certs")) {
      NssCert cert;
      cert.id = entry.at("id").get<std::string>();
      cert.nickname = entry.at("nickname").get<std::string>();
      Result<std::string> der = FromHex(entry.at("der").get<std::string>());
      if (!der.ok()) return Status::Error("NSS job: DER of " + cert.id + ": " + der.message());
      cert.der = std::move(der).value();
      job.certs.push_back(std::move(cert));
    }
    return job;
  } catch (const json::exception& e) {
    return Status::Error(std::string("NSS job: ") + e.what());
  }
}

std::string NssResultsToJson(const std::vector<NssDatabaseResult>& results) {
  json list = json::array();
  for (const NssDatabaseResult& result : results) {
    json certs = json::array();
    for (const auto& [id, state] : result.certs) {
      certs.push_back({{"id", id}, {"state", NameOf(kCertStates, state)}});
    }
    list.push_back({{"database", ToHex(result.database)},
                    {"outcome", NameOf(kOutcomes, result.outcome)},
                    {"error", result.error},
                    {"certs", certs}});
  }
  return DumpReplacingInvalidUtf8(json{{"results", list}});
}

Result<std::vector<NssDatabaseResult>> NssResultsFromJson(const std::string& text) {
  Result<json> parsed = Parse(text, "NSS worker output");
  if (!parsed.ok()) return parsed.status();
  const json& document = parsed.value();
  try {
    if (document.contains("error")) {
      return Status::Error("NSS worker: " + document.at("error").get<std::string>());
    }
    std::vector<NssDatabaseResult> results;
    for (const json& entry : document.at("results")) {
      NssDatabaseResult result;
      Result<std::string> database = FromHex(entry.at("database").get<std::string>());
      if (!database.ok())
        return Status::Error("NSS worker output: database: " + database.message());
      result.database = std::move(database).value();
      Result<NssOutcome> outcome =
          ValueOf(kOutcomes, "NSS outcome", entry.at("outcome").get<std::string>());
      if (!outcome.ok()) return outcome.status();
      result.outcome = outcome.value();
      result.error = entry.value("error", "");
      for (const json& cert : entry.at("certs")) {
        Result<NssCertState> state =
            ValueOf(kCertStates, "certificate state", cert.at("state").get<std::string>());
        if (!state.ok()) return state.status();
        result.certs.emplace_back(cert.at("id").get<std::string>(), state.value());
      }
      results.push_back(std::move(result));
    }
    return results;
  } catch (const json::exception& e) {
    return Status::Error(std::string("NSS worker output: ") + e.what());
  }
}

std::string NssNickname(const std::string& name, const std::string& id) {
  return name + " (gcatrust " + id + ")";
}

}  // namespace gcatrust
