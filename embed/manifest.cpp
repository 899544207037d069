#include "embed/manifest.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

namespace gcatrust::embed {
namespace {

using nlohmann::json;

bool IsValidId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsSha256Hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

std::string ToLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return text;
}

std::optional<CertRole> ParseRole(const std::string& text) {
  if (text == "root") return CertRole::kRoot;
  if (text == "intermediate") return CertRole::kIntermediate;
  if (text == "cross") return CertRole::kCross;
  return std::nullopt;
}

// Collects the problems of one certificate entry so that all of them are reported together.
class EntryReader {
 public:
  EntryReader(const json& object, std::string where, std::vector<std::string>* errors)
      : object_(object), where_(std::move(where)), errors_(errors) {}

  std::string RequiredString(const char* key) {
    auto it = object_.find(key);
    if (it == object_.end()) {
      Fail(std::string("missing required field \"") + key + "\"");
      return {};
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      Fail(std::string("field \"") + key + "\" must be a non-empty string");
      return {};
    }
    return it->get<std::string>();
  }

  bool OptionalBool(const char* key) {
    auto it = object_.find(key);
    if (it == object_.end()) return false;
    if (!it->is_boolean()) {
      Fail(std::string("field \"") + key + "\" must be true or false");
      return false;
    }
    return it->get<bool>();
  }

  void Fail(const std::string& reason) {
    errors_->push_back(where_ + ": " + reason);
    failed_ = true;
  }
  bool failed() const { return failed_; }

 private:
  const json& object_;
  std::string where_;
  std::vector<std::string>* errors_;
  bool failed_ = false;
};

std::optional<ManifestEntry> ReadEntry(const json& item, const std::string& where,
                                       const std::filesystem::path& base_dir,
                                       std::vector<std::string>* errors) {
  if (!item.is_object()) {
    errors->push_back(where + ": must be an object");
    return std::nullopt;
  }
  EntryReader reader(item, where, errors);
  ManifestEntry entry;
  entry.id = reader.RequiredString("id");
  entry.name = reader.RequiredString("name");
  entry.file = reader.RequiredString("file");
  std::string role = reader.RequiredString("role");
  entry.issuer = reader.RequiredString("issuer");
  entry.sha256 = ToLower(reader.RequiredString("sha256"));
  entry.published = reader.RequiredString("published");
  entry.optional = reader.OptionalBool("optional");
  entry.keep_expired = reader.OptionalBool("keep_expired");

  if (!entry.id.empty() && !IsValidId(entry.id)) {
    reader.Fail("id \"" + entry.id + "\" must match [a-z0-9-]+");
  }
  if (!entry.sha256.empty() && !IsSha256Hex(entry.sha256)) {
    reader.Fail("sha256 must be 64 hex digits");
  }
  if (!role.empty()) {
    if (auto parsed = ParseRole(role)) {
      entry.role = *parsed;
    } else {
      reader.Fail("role \"" + role + "\" must be root, intermediate or cross");
    }
  }
  // A root vouches for itself and anything else needs someone else to vouch for it; a mix-up
  // here would silently skip the signature check that matters.
  if (!role.empty() && !entry.id.empty() && !entry.issuer.empty()) {
    bool names_itself = entry.issuer == entry.id;
    if (entry.role == CertRole::kRoot && !names_itself) {
      reader.Fail("a root must name itself as issuer, not \"" + entry.issuer + "\"");
    } else if (entry.role != CertRole::kRoot && names_itself) {
      reader.Fail("an " + role + " certificate cannot name itself as issuer");
    }
  }
  if (reader.failed()) return std::nullopt;
  entry.path = base_dir / std::filesystem::u8path(entry.file);
  return entry;
}

}  // namespace

std::string_view RoleName(CertRole role) {
  switch (role) {
    case CertRole::kRoot:
      return "root";
    case CertRole::kIntermediate:
      return "intermediate";
    case CertRole::kCross:
      return "cross";
  }
  return "root";
}

ManifestParse ParseManifest(std::string_view json_text,
                            const std::filesystem::path& manifest_path) {
  ManifestParse result;
  const std::string where = manifest_path.u8string();
  // The parser reports its errors as exceptions; this adapter turns them into values.
  json document;
  try {
    document = json::parse(json_text.begin(), json_text.end());
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 1e999
    result.errors.push_back(where + ": not valid JSON: " + e.what());
    return result;
  }
  if (!document.is_object()) {
    result.errors.push_back(where + ": the top level must be a JSON object");
    return result;
  }
  auto name = document.find("name");
  if (name == document.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
    result.errors.push_back(where + ": \"name\" must be a non-empty string");
  } else {
    result.manifest.name = name->get<std::string>();
  }
  auto certificates = document.find("certificates");
  if (certificates == document.end() || !certificates->is_array()) {
    result.errors.push_back(where + ": \"certificates\" must be an array");
    return result;
  }
  if (certificates->empty()) {
    result.errors.push_back(where + ": \"certificates\" is empty; there is nothing to embed");
  }

  const std::filesystem::path base_dir = manifest_path.parent_path();
  std::set<std::string> seen_ids;
  for (std::size_t i = 0; i < certificates->size(); ++i) {
    std::string item_where = where + ": certificates[" + std::to_string(i) + "]";
    auto entry = ReadEntry((*certificates)[i], item_where, base_dir, &result.errors);
    if (!entry) continue;
    if (!seen_ids.insert(entry->id).second) {
      result.errors.push_back(item_where + ": duplicate id \"" + entry->id + "\"");
      continue;
    }
    result.manifest.entries.push_back(std::move(*entry));
  }
  return result;
}

ManifestParse LoadManifest(const std::filesystem::path& manifest_path) {
  std::ifstream in(manifest_path, std::ios::binary);
  if (!in) {
    ManifestParse result;
    result.errors.push_back(manifest_path.u8string() + ": cannot open the manifest");
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseManifest(text.str(), manifest_path);
}

}  // namespace gcatrust::embed
