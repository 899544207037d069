// Pure edits of a Firefox enterprise policies.json: {"policies": {"Certificates": {"Install":
// [...]}}}. Schema: Firefox's browser/components/enterprisepolicies/schemas/policies-schema.json
// (Certificates.Install is an array of strings). Key order is kept (ordered_json) so a merge
// changes only what it must; every other policy and Install entry stays as it was.
#ifndef GCATRUST_INSTALLER_POLICIES_DOCUMENT_H_
#define GCATRUST_INSTALLER_POLICIES_DOCUMENT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "installer/result.h"

namespace gcatrust {

using PoliciesJson = nlohmann::ordered_json;

/// Parses policies.json text. A malformed file, or one whose "policies", "Certificates" or
/// "Install" has the wrong type, is an error: Firefox ignores a malformed file as a whole
/// (policy-templates issue 1189; installer/docs/facts.md §1.5), so it must never be "repaired"
/// silently.
Result<PoliciesJson> ParsePolicies(std::string_view text);

/// An empty document: {"policies": {}}.
PoliciesJson EmptyPolicies();

/// Certificates.Install entries, in file order (none if absent).
std::vector<std::string> InstallEntries(const PoliciesJson& doc);

/// Appends each entry not yet listed. Returns whether the document changed.
bool AddInstallEntries(PoliciesJson& doc, const std::vector<std::string>& entries);

/// Removes every listed occurrence of the entries; drops "Install" and then "Certificates"
/// when they become empty. Returns whether the document changed.
bool RemoveInstallEntries(PoliciesJson& doc, const std::vector<std::string>& entries);

/// Whether a and b are equal once an empty "Install", then an empty "Certificates", then an empty
/// "policies" are dropped: Firefox reads the same policies from both, and they are what
/// AddInstallEntries then RemoveInstallEntries make of a file that lacked them.
bool SamePoliciesButEmptyContainers(const PoliciesJson& a, const PoliciesJson& b);

/// Text as gcatrust writes it: two-space indent, UTF-8 kept, trailing newline.
std::string SerializePolicies(const PoliciesJson& doc);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_POLICIES_DOCUMENT_H_
