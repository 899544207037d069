#include "installer/policies_document.h"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gcatrust {

namespace {

Status ShapeError(const std::string& what) { return Status::Error("unexpected content: " + what); }

// nlohmann::ordered_json's parser looks every key up in its object by a linear scan (ordered_map
// is a vector), so a document takes time quadratic in the keys of one object: 32,000 keys took
// over a minute (tests/reliability, inputs.10MB-policies-wide). This SAX handler builds the same
// document, appending keys and spotting duplicates with a hash set. A duplicate keeps its first
// position and takes the last value, as the stock parser does (and JSON.parse, which Firefox
// uses, also takes the last value).
class OrderedDocumentBuilder {
 public:
  using Json = PoliciesJson;

  explicit OrderedDocumentBuilder(Json& root) : root_(root) {}

  bool null() { return Put(nullptr) != nullptr; }
  bool boolean(bool value) { return Put(value) != nullptr; }
  bool number_integer(Json::number_integer_t value) { return Put(value) != nullptr; }
  bool number_unsigned(Json::number_unsigned_t value) { return Put(value) != nullptr; }
  bool number_float(Json::number_float_t value, const Json::string_t& /*text*/) {
    return Put(value) != nullptr;
  }
  bool string(Json::string_t& value) { return Put(std::move(value)) != nullptr; }
  bool binary(Json::binary_t& value) { return Put(Json::binary(std::move(value))) != nullptr; }
  bool start_object(std::size_t /*size*/) {
    stack_.push_back({Put(Json::object()), {}});
    return true;
  }
  bool key(Json::string_t& name) {
    Frame& frame = stack_.back();
    auto& object = frame.value->get_ref<Json::object_t&>();
    if (frame.keys.insert(name).second) {
      object.emplace_back(std::move(name), nullptr);
      slot_ = &object.back().second;
    } else {
      slot_ = &object.find(name)->second;  // rare: a linear search is fine
    }
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/) {
    stack_.push_back({Put(Json::array()), {}});
    return true;
  }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) {
    return false;
  }

 private:
  struct Frame {
    Json* value;  // into the parent's storage, which does not grow while this frame is open
    std::unordered_set<std::string> keys;
  };

  Json* Put(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json* parent = stack_.back().value;
    if (parent->is_array()) {
      auto& array = parent->get_ref<Json::array_t&>();
      array.push_back(std::move(value));
      return &array.back();
    }
    *slot_ = std::move(value);
    return slot_;
  }

  Json& root_;
  std::vector<Frame> stack_;
  Json* slot_ = nullptr;  // the value of the key just read
};

}  // namespace

PoliciesJson EmptyPolicies() { return PoliciesJson{{"policies", PoliciesJson::object()}}; }

Result<PoliciesJson> ParsePolicies(std::string_view text) {
  PoliciesJson doc;
  OrderedDocumentBuilder builder(doc);
  if (!PoliciesJson::sax_parse(text.begin(), text.end(), &builder,
                               nlohmann::json::input_format_t::json, /*strict=*/true)) {
    return Status::Error("malformed JSON");
  }
  if (!doc.is_object()) return ShapeError("the top level is not an object");
  if (!doc.contains("policies")) return doc;  // Firefox would read no policies; we may add ours
  const auto& policies = doc["policies"];
  if (!policies.is_object()) return ShapeError("\"policies\" is not an object");
  if (!policies.contains("Certificates")) return doc;
  const auto& certificates = policies["Certificates"];
  if (!certificates.is_object()) return ShapeError("\"Certificates\" is not an object");
  if (!certificates.contains("Install")) return doc;
  const auto& install = certificates["Install"];
  if (!install.is_array()) return ShapeError("\"Certificates.Install\" is not an array");
  for (const auto& entry : install) {
    if (!entry.is_string()) return ShapeError("\"Certificates.Install\" holds a non-string");
  }
  return doc;
}

std::vector<std::string> InstallEntries(const PoliciesJson& doc) {
  std::vector<std::string> entries;
  auto policies = doc.find("policies");
  if (policies == doc.end()) return entries;
  auto certificates = policies->find("Certificates");
  if (certificates == policies->end()) return entries;
  auto install = certificates->find("Install");
  if (install == certificates->end()) return entries;
  for (const auto& e : *install) entries.push_back(e.get<std::string>());
  return entries;
}

bool AddInstallEntries(PoliciesJson& doc, const std::vector<std::string>& entries) {
  auto& install = doc["policies"]["Certificates"]["Install"];
  if (install.is_null()) install = PoliciesJson::array();
  bool changed = false;
  for (const auto& entry : entries) {
    if (std::find(install.begin(), install.end(), entry) == install.end()) {
      install.push_back(entry);
      changed = true;
    }
  }
  return changed;
}

bool RemoveInstallEntries(PoliciesJson& doc, const std::vector<std::string>& entries) {
  auto policies = doc.find("policies");
  if (policies == doc.end()) return false;
  auto certificates = policies->find("Certificates");
  if (certificates == policies->end()) return false;
  auto install = certificates->find("Install");
  if (install == certificates->end()) return false;

  PoliciesJson kept = PoliciesJson::array();
  for (const auto& e : *install) {
    if (std::find(entries.begin(), entries.end(), e.get<std::string>()) == entries.end()) {
      kept.push_back(e);
    }
  }
  if (kept.size() == install->size()) return false;
  if (kept.empty()) {
    certificates->erase("Install");
    if (certificates->empty()) policies->erase("Certificates");
  } else {
    *install = std::move(kept);
  }
  return true;
}

namespace {

PoliciesJson WithoutEmptyContainers(PoliciesJson doc) {
  auto policies = doc.find("policies");
  if (policies == doc.end() || !policies->is_object()) return doc;
  auto certificates = policies->find("Certificates");
  if (certificates != policies->end() && certificates->is_object()) {
    auto install = certificates->find("Install");
    if (install != certificates->end() && install->empty()) certificates->erase(install);
    if (certificates->empty()) policies->erase(certificates);
  }
  if (policies->empty()) doc.erase(policies);
  return doc;
}

}  // namespace

bool SamePoliciesButEmptyContainers(const PoliciesJson& a, const PoliciesJson& b) {
  return WithoutEmptyContainers(a) == WithoutEmptyContainers(b);
}

std::string SerializePolicies(const PoliciesJson& doc) {
  return doc.dump(2, ' ', /*ensure_ascii=*/false) + "\n";
}

}  // namespace gcatrust
