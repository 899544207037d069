#include "installer/policy_plan.h"

#include <algorithm>
#include <optional>

#include "installer/plist_document.h"
#include "installer/policies_document.h"

namespace gcatrust {

namespace {

std::string EntryFor(const PolicyTarget& target, const Certificate& cert) {
  return InstallEntryFor(target, cert);
}

std::vector<std::string> EntriesFor(const PolicyTarget& target,
                                    const std::vector<Certificate>& certs) {
  std::vector<std::string> entries;
  for (const Certificate& c : certs) entries.push_back(EntryFor(target, c));
  return entries;
}

/// macOS: the plist's top-level dict holds the policies themselves; inside gcatrust it is
/// handled as {"policies": <dict>} so the policies.json edits apply unchanged.
constexpr char kEnabledKey[] = "EnterprisePoliciesEnabled";

Result<PoliciesJson> ParseAny(const PolicyTarget& target, std::string_view text) {
  if (target.format != PolicyFormat::kMacPlist) return ParsePolicies(text);
  auto dict = ParsePlist(text);
  if (!dict.ok()) return dict.status();
  // The same type checks as policies.json (Certificates a dict, Install an array of strings).
  PoliciesJson wrapped = {{"policies", std::move(dict).value()}};
  return ParsePolicies(wrapped.dump());
}

std::string SerializeAny(const PolicyTarget& target, const PoliciesJson& doc) {
  if (target.format != PolicyFormat::kMacPlist) return SerializePolicies(doc);
  return SerializePlist(doc.at("policies"));
}

struct CurrentPolicies {
  std::string text;
  PoliciesJson doc;
};

/// The current policies file: nullopt when it does not exist.
Result<std::optional<CurrentPolicies>> ReadPolicies(const PolicyTarget& target,
                                                    const FileSystem& fs, const fs::path& host) {
  auto text = fs.ReadFile(host);
  if (!text.ok()) {
    if (text.status().kind() == ErrorKind::kNotFound) return std::optional<CurrentPolicies>();
    return text.status();
  }
  auto doc = ParseAny(target, text.value());
  if (!doc.ok()) {
    return Status::Error(doc.message() +
                         "; the file was left untouched, fix or remove it and run again");
  }
  return std::optional<CurrentPolicies>(CurrentPolicies{text.value(), std::move(doc).value()});
}

/// Every directory an action creates or changes must be writable, else the whole target is
/// refused before anything is touched.
Status CheckWritable(const std::vector<Action>& actions, const FileSystem& fs) {
  for (const Action& a : actions) {
    // A directory to create is judged on its nearest existing ancestor; anything else on the
    // directory whose entries change.
    const fs::path dir =
        a.kind == ActionKind::kMakeDirectory ? a.host_path : a.host_path.parent_path();
    if (!fs.IsWritableDirectory(dir)) {
      return Status::Error(dir.u8string() + " is not writable: administrator rights needed",
                           ErrorKind::kNeedsAdmin);
    }
  }
  return Status::Ok();
}

TargetPlan Finish(TargetPlan plan, const FileSystem& fs, const PolicyRegistry* registry) {
  if (plan.error.ok()) plan.error = CheckWritable(plan.actions, fs);
  if (plan.error.ok() && !plan.registry_edits.empty() && !registry->IsWritable()) {
    plan.error =
        Status::Error(registry->Describe() + " is not writable: administrator rights needed",
                      ErrorKind::kNeedsAdmin);
  }
  if (!plan.error.ok()) {
    plan.actions.clear();
    plan.registry_edits.clear();
  }
  return plan;
}

/// Certificate files to write: the folder and each file that is missing or differs.
void PlanCertFiles(TargetPlan& plan, const std::vector<Certificate>& certs, const FileSystem& fs,
                   const SystemRoot& root) {
  const fs::path cert_dir_host = root.Host(plan.target.cert_dir);
  if (!fs.IsDirectory(cert_dir_host)) {
    plan.actions.push_back({ActionKind::kMakeDirectory, cert_dir_host, {}});
  }
  for (const Certificate& cert : certs) {
    const fs::path file = cert_dir_host / CertFileName(cert);
    auto existing = fs.ReadFile(file);
    if (existing.ok() && existing.value() == cert.der) continue;
    plan.actions.push_back({ActionKind::kWriteFile, file, cert.der});
  }
}

void PlanCertFileRemoval(TargetPlan& plan, const std::vector<Certificate>& certs,
                         const FileSystem& fs, const SystemRoot& root) {
  if (plan.target.keep_cert_files) return;
  const fs::path cert_dir_host = root.Host(plan.target.cert_dir);
  bool removed_any = false;
  for (const Certificate& cert : certs) {
    const fs::path file = cert_dir_host / CertFileName(cert);
    if (!fs.Exists(file)) continue;
    plan.actions.push_back({ActionKind::kRemoveFile, file, {}});
    removed_any = true;
  }
  if (!removed_any) return;
  plan.actions.push_back({ActionKind::kRemoveEmptyDirectory, cert_dir_host, {}});
  fs::path parent = cert_dir_host;
  for (int i = 0; i < plan.target.removable_cert_dir_parents; ++i) {
    parent = parent.parent_path();
    plan.actions.push_back({ActionKind::kRemoveEmptyDirectory, parent, {}});
  }
}

TargetPlan PlanRegistry(const PolicyTarget& target, const std::vector<Certificate>& certs,
                        const FileSystem& fs, const SystemRoot& root,
                        const PolicyRegistry* registry, bool install) {
  TargetPlan plan{target, {}, {}, Status::Ok()};
  if (registry == nullptr) {
    plan.error = Status::Error("no Windows registry to write");
    return plan;
  }
  auto edits = install ? PlanRegistryInstall(*registry, EntriesFor(target, certs))
                       : PlanRegistryUninstall(*registry, EntriesFor(target, certs));
  if (!edits.ok()) {
    plan.error = edits.status();
    return plan;
  }
  plan.registry_edits = std::move(edits).value();
  if (install) {
    PlanCertFiles(plan, certs, fs, root);
  } else {
    PlanCertFileRemoval(plan, certs, fs, root);
  }
  return Finish(std::move(plan), fs, registry);
}

}  // namespace

std::string CertFileName(const Certificate& cert) { return "gcatrust-" + cert.id + ".der"; }

std::string InstallEntryFor(const PolicyTarget& target, const Certificate& cert) {
  if (target.entry_separator == '/') {
    return (target.cert_dir_in_firefox / CertFileName(cert)).u8string();
  }
  return target.cert_dir_in_firefox.u8string() + target.entry_separator + CertFileName(cert);
}

bool PlanIsEmpty(const TargetPlan& plan) {
  return plan.actions.empty() && plan.registry_edits.empty();
}

Status ApplyPlan(const TargetPlan& plan, bool installing, FileSystem& fs,
                 PolicyRegistry* registry) {
  if (!installing && !plan.registry_edits.empty()) {
    if (Status s = ApplyRegistryEdits(plan.registry_edits, *registry); !s.ok()) return s;
  }
  if (Status s = ApplyActions(plan.actions, fs); !s.ok()) return s;
  if (installing && !plan.registry_edits.empty()) {
    return ApplyRegistryEdits(plan.registry_edits, *registry);
  }
  return Status::Ok();
}

fs::path BackupPath(const fs::path& policies_file) {
  return fs::path(policies_file.u8string() + ".gcatrust-backup");
}

TargetPlan PlanInstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                       const FileSystem& fs, const SystemRoot& root,
                       const PolicyRegistry* registry) {
  if (target.format == PolicyFormat::kWindowsRegistry) {
    return PlanRegistry(target, certs, fs, root, registry, /*install=*/true);
  }
  TargetPlan plan{target, {}, {}, Status::Ok()};
  const fs::path policies_host = root.Host(target.policies_file);
  auto current = ReadPolicies(target, fs, policies_host);
  if (!current.ok()) {
    plan.error = current.status();
    return plan;
  }

  PlanCertFiles(plan, certs, fs, root);

  const auto& existing_policies = current.value();
  PoliciesJson doc = existing_policies ? existing_policies->doc : EmptyPolicies();
  bool changed = AddInstallEntries(doc, EntriesFor(target, certs));
  if (target.format == PolicyFormat::kMacPlist) {
    PoliciesJson& dict = doc["policies"];
    if (!dict.contains(kEnabledKey) || dict[kEnabledKey] != true) {
      dict[kEnabledKey] = true;
      changed = true;
    }
  }
  if (changed) {
    if (existing_policies) {
      plan.actions.push_back(
          {ActionKind::kWriteFile, BackupPath(policies_host), existing_policies->text});
    } else if (!fs.IsDirectory(policies_host.parent_path())) {
      plan.actions.push_back({ActionKind::kMakeDirectory, policies_host.parent_path(), {}});
    }
    plan.actions.push_back({ActionKind::kWriteFile, policies_host, SerializeAny(target, doc)});
  }
  return Finish(std::move(plan), fs, registry);
}

TargetPlan PlanUninstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                         const FileSystem& fs, const SystemRoot& root,
                         const PolicyRegistry* registry) {
  if (target.format == PolicyFormat::kWindowsRegistry) {
    return PlanRegistry(target, certs, fs, root, registry, /*install=*/false);
  }
  TargetPlan plan{target, {}, {}, Status::Ok()};
  const fs::path policies_host = root.Host(target.policies_file);
  auto current = ReadPolicies(target, fs, policies_host);
  if (!current.ok()) {
    plan.error = current.status();
    return plan;
  }

  if (current.value()) {
    PoliciesJson doc = current.value()->doc;
    if (RemoveInstallEntries(doc, EntriesFor(target, certs))) {
      const fs::path backup_host = BackupPath(policies_host);
      auto backup_text = fs.ReadFile(backup_host);
      std::optional<PoliciesJson> backup;
      if (backup_text.ok()) {
        if (auto parsed = ParseAny(target, backup_text.value()); parsed.ok()) {
          backup = parsed.value();
        }
      }
      if (target.format == PolicyFormat::kMacPlist) {
        // EnterprisePoliciesEnabled goes too when gcatrust added it (the admin's file had none).
        const bool admin_had_it = backup && backup->at("policies").contains(kEnabledKey);
        if (!admin_had_it) doc["policies"].erase(kEnabledKey);
      }
      if (backup && *backup == doc) {
        // Nothing else changed since install: give back the admin's file byte for byte.
        plan.actions.push_back({ActionKind::kWriteFile, policies_host, backup_text.value()});
        plan.actions.push_back({ActionKind::kRemoveFile, backup_host, {}});
      } else if (!backup_text.ok() && doc == EmptyPolicies()) {
        // gcatrust created this file (there was nothing to back up): remove it again.
        plan.actions.push_back({ActionKind::kRemoveFile, policies_host, {}});
        // /Library/Preferences is the system's, never gcatrust's to remove.
        if (target.format != PolicyFormat::kMacPlist) {
          plan.actions.push_back(
              {ActionKind::kRemoveEmptyDirectory, policies_host.parent_path(), {}});
        }
      } else {
        plan.actions.push_back({ActionKind::kWriteFile, policies_host, SerializeAny(target, doc)});
      }
    }
  }

  PlanCertFileRemoval(plan, certs, fs, root);
  return Finish(std::move(plan), fs, registry);
}

Status ApplyActions(const std::vector<Action>& actions, FileSystem& fs) {
  for (const Action& a : actions) {
    Status s;
    switch (a.kind) {
      case ActionKind::kMakeDirectory:
        s = fs.MakeDirectories(a.host_path);
        break;
      case ActionKind::kWriteFile:
        s = fs.WriteFileAtomic(a.host_path, a.contents);
        break;
      case ActionKind::kRemoveFile:
        s = fs.RemoveFile(a.host_path);
        break;
      case ActionKind::kRemoveEmptyDirectory:
        s = fs.RemoveEmptyDirectory(a.host_path);
        break;
    }
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

TargetStatus InspectTarget(const PolicyTarget& target, const std::vector<Certificate>& certs,
                           const FileSystem& fs, const SystemRoot& root,
                           const PolicyRegistry* registry) {
  TargetStatus status{target, {}, {}, Status::Ok()};
  std::vector<std::string> listed;
  if (target.format == PolicyFormat::kWindowsRegistry) {
    if (registry == nullptr) {
      status.error = Status::Error("no Windows registry to read");
      return status;
    }
    auto entries = RegistryInstallEntries(*registry);
    if (!entries.ok()) {
      status.error = entries.status();
      return status;
    }
    listed = std::move(entries).value();
  } else {
    auto current = ReadPolicies(target, fs, root.Host(target.policies_file));
    if (!current.ok()) {
      status.error = current.status();
      return status;
    }
    if (current.value()) listed = InstallEntries(current.value()->doc);
  }
  for (const Certificate& cert : certs) {
    const bool is_listed =
        std::find(listed.begin(), listed.end(), EntryFor(target, cert)) != listed.end();
    auto file = fs.ReadFile(root.Host(target.cert_dir) / CertFileName(cert));
    const bool in_place = file.ok() && file.value() == cert.der;
    (is_listed && in_place ? status.present_ids : status.missing_ids).push_back(cert.id);
  }
  return status;
}

}  // namespace gcatrust
