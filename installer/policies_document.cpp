#include "installer/policies_document.h"

#include <algorithm>

namespace gcatrust {

namespace {

Status ShapeError(const std::string& what) { return Status::Error("unexpected content: " + what); }

}  // namespace

PoliciesJson EmptyPolicies() { return PoliciesJson{{"policies", PoliciesJson::object()}}; }

Result<PoliciesJson> ParsePolicies(std::string_view text) {
  PoliciesJson doc = PoliciesJson::parse(text.begin(), text.end(), nullptr,
                                         /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::Error("malformed JSON");
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
