#include "installer/policy_plan.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "installer/failpoint.h"
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

// Whether text is UTF-8 (RFC 3629: shortest form, no surrogates, at most U+10FFFF). JSON text
// is UTF-8 (RFC 8259 §8.1) and nlohmann::json refuses to write anything else, while a Linux
// folder name may be any bytes.
bool IsUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    const size_t length = (lead & 0xE0) == 0xC0   ? 2
                          : (lead & 0xF0) == 0xE0 ? 3
                          : (lead & 0xF8) == 0xF0 ? 4
                                                  : 0;
    if (length == 0 || text.size() - i < length) return false;
    char32_t code = lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kShortest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
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

PoliciesSnapshot Snapshot(const fs::path& host, const std::optional<CurrentPolicies>& current) {
  return {host, current ? std::optional<std::string>(current->text) : std::nullopt};
}

/// As administrator, nothing is written through a path that someone else controls.
Status CheckTrustedPaths(const std::vector<Action>& actions, const FileSystem& fs,
                         const SystemRoot& root) {
  const fs::path trusted_root = root.is_running_system() ? fs::path("/") : root.image_root();
  for (const Action& a : actions) {
    if (Status s = fs.CheckAdminWritePath(trusted_root, a.host_path); !s.ok()) return s;
  }
  return Status::Ok();
}

TargetPlan Finish(TargetPlan plan, const FileSystem& fs, const SystemRoot& root,
                  const PolicyRegistry* registry) {
  if (plan.error.ok()) plan.error = CheckTrustedPaths(plan.actions, fs, root);
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
  // Also when no file was there: a run killed before its first certificate was in place
  // leaves the directory it made (and its temp file, which RemoveEmptyDirectory clears).
  auto only_hidden_files = [&] {
    auto names = fs.ListDirectory(cert_dir_host);
    return names.ok() && std::all_of(names.value().begin(), names.value().end(),
                                     [](const std::string& n) { return n[0] == '.'; });
  };
  if (!removed_any && !(fs.IsDirectory(cert_dir_host) && only_hidden_files())) return;
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
  TargetPlan plan{target, {}, {}, Status::Ok(), {}};
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
  return Finish(std::move(plan), fs, root, registry);
}

}  // namespace

std::string CertFileName(const Certificate& cert) { return "gcatrust-" + cert.id + ".der"; }

std::string InstallEntryFor(const PolicyTarget& target, const Certificate& cert) {
  if (target.entry_separator == fs::path::preferred_separator) {
    return (target.cert_dir_in_firefox / CertFileName(cert)).u8string();
  }
  // Another OS's path: joined as text with its separator (fs::path's "/" would put this
  // machine's in, e.g. a Windows image's C:\ProgramData path written from Linux).
  std::string dir = target.cert_dir_in_firefox.u8string();
  if (!dir.empty() && dir.back() != target.entry_separator) dir += target.entry_separator;
  return dir + CertFileName(cert);
}

bool PlanIsEmpty(const TargetPlan& plan) {
  return plan.actions.empty() && plan.registry_edits.empty();
}

fs::path BackupPath(const fs::path& policies_file) {
  fs::path backup = policies_file;
  backup += ".gcatrust-backup";  // appends to the native string: no trip through UTF-8
  return backup;
}

TargetPlan PlanInstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                       const FileSystem& fs, const SystemRoot& root,
                       const PolicyRegistry* registry) {
  if (target.format == PolicyFormat::kWindowsRegistry) {
    return PlanRegistry(target, certs, fs, root, registry, /*install=*/true);
  }
  TargetPlan plan{target, {}, {}, Status::Ok(), {}};
  const fs::path policies_host = root.Host(target.policies_file);
  auto current = ReadPolicies(target, fs, policies_host);
  if (!current.ok()) {
    plan.error = current.status();
    return plan;
  }
  plan.read = Snapshot(policies_host, current.value());

  const std::vector<std::string> entries = EntriesFor(target, certs);
  for (const std::string& entry : entries) {
    if (!IsUtf8(entry)) {
      plan.error = Status::Error(entry +
                                 ": the path is not UTF-8, so policies.json cannot name it; "
                                 "use --method nss, or a Firefox folder with a UTF-8 name");
      return plan;
    }
  }

  PlanCertFiles(plan, certs, fs, root);

  const auto& existing_policies = current.value();
  PoliciesJson doc = existing_policies ? existing_policies->doc : EmptyPolicies();
  bool changed = AddInstallEntries(doc, entries);
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
  return Finish(std::move(plan), fs, root, registry);
}

TargetPlan PlanUninstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                         const FileSystem& fs, const SystemRoot& root,
                         const PolicyRegistry* registry) {
  if (target.format == PolicyFormat::kWindowsRegistry) {
    return PlanRegistry(target, certs, fs, root, registry, /*install=*/false);
  }
  TargetPlan plan{target, {}, {}, Status::Ok(), {}};
  const fs::path policies_host = root.Host(target.policies_file);
  auto current = ReadPolicies(target, fs, policies_host);
  if (!current.ok()) {
    plan.error = current.status();
    return plan;
  }
  plan.read = Snapshot(policies_host, current.value());

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
      // Install may have added "policies" or "Certificates" that the removal leaves empty.
      if (backup && SamePoliciesButEmptyContainers(*backup, doc)) {
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
    } else if (auto leftover = fs.ReadFile(BackupPath(policies_host));
               leftover.ok() && leftover.value() == current.value()->text) {
      // An uninstall stopped (killed, power cut) after giving the file back and before removing
      // the backup: the backup says nothing the file does not, so finish that uninstall.
      plan.actions.push_back({ActionKind::kRemoveFile, BackupPath(policies_host), {}});
    }
  }

  PlanCertFileRemoval(plan, certs, fs, root);
  return Finish(std::move(plan), fs, root, registry);
}

Status ApplyActions(const std::vector<Action>& actions, FileSystem& fs) {
  return ApplyPlan(TargetPlan{{}, actions, {}, Status::Ok(), {}}, /*installing=*/true, fs, nullptr);
}

Status ApplyPlan(const TargetPlan& plan, bool installing, FileSystem& fs, PolicyRegistry* registry,
                 bool* conflict) {
  if (!installing && !plan.registry_edits.empty()) {
    if (Status s = ApplyRegistryEdits(plan.registry_edits, *registry); !s.ok()) return s;
  }
  for (const Action& a : plan.actions) {
    const bool replaces_policies =
        conflict != nullptr && !plan.read.host_path.empty() && a.host_path == plan.read.host_path &&
        (a.kind == ActionKind::kWriteFile || a.kind == ActionKind::kRemoveFile);
    if (replaces_policies) {
      auto now = fs.ReadFile(a.host_path);
      if (!now.ok() && now.status().kind() != ErrorKind::kNotFound) return now.status();
      const std::optional<std::string> now_text =
          now.ok() ? std::optional<std::string>(now.value()) : std::nullopt;
      if (now_text != plan.read.text) {
        *conflict = true;
        return Status::Error(a.host_path.u8string() +
                             " was changed by someone else while gcatrust was working on it; "
                             "nothing of that change was overwritten, run gcatrust again");
      }
    }
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
    Failpoint("apply.action-done");
  }
  if (installing && !plan.registry_edits.empty()) {
    return ApplyRegistryEdits(plan.registry_edits, *registry);
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
