#include "installer/policy_plan.h"

#include <algorithm>
#include <optional>

#include "installer/policies_document.h"

namespace gcatrust {

namespace {

std::string EntryFor(const PolicyTarget& target, const Certificate& cert) {
  return (target.cert_dir_in_firefox / CertFileName(cert)).u8string();
}

std::vector<std::string> EntriesFor(const PolicyTarget& target,
                                    const std::vector<Certificate>& certs) {
  std::vector<std::string> entries;
  for (const Certificate& c : certs) entries.push_back(EntryFor(target, c));
  return entries;
}

struct CurrentPolicies {
  std::string text;
  PoliciesJson doc;
};

/// The current policies file: nullopt when it does not exist.
Result<std::optional<CurrentPolicies>> ReadPolicies(const FileSystem& fs, const fs::path& host) {
  auto text = fs.ReadFile(host);
  if (!text.ok()) {
    if (text.status().kind() == ErrorKind::kNotFound) return std::optional<CurrentPolicies>();
    return text.status();
  }
  auto doc = ParsePolicies(text.value());
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

TargetPlan Finish(TargetPlan plan, const FileSystem& fs) {
  if (plan.error.ok()) plan.error = CheckWritable(plan.actions, fs);
  if (!plan.error.ok()) plan.actions.clear();
  return plan;
}

}  // namespace

std::string CertFileName(const Certificate& cert) { return "gcatrust-" + cert.id + ".der"; }

fs::path BackupPath(const fs::path& policies_file) {
  fs::path backup = policies_file;
  backup += ".gcatrust-backup";  // appends to the native string: no trip through UTF-8
  return backup;
}

TargetPlan PlanInstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                       const FileSystem& fs, const SystemRoot& root) {
  TargetPlan plan{target, {}, Status::Ok()};
  const fs::path policies_host = root.Host(target.policies_file);
  auto current = ReadPolicies(fs, policies_host);
  if (!current.ok()) {
    plan.error = current.status();
    return plan;
  }

  const fs::path cert_dir_host = root.Host(target.cert_dir);
  if (!fs.IsDirectory(cert_dir_host)) {
    plan.actions.push_back({ActionKind::kMakeDirectory, cert_dir_host, {}});
  }
  for (const Certificate& cert : certs) {
    const fs::path file = cert_dir_host / CertFileName(cert);
    auto existing = fs.ReadFile(file);
    if (existing.ok() && existing.value() == cert.der) continue;
    plan.actions.push_back({ActionKind::kWriteFile, file, cert.der});
  }

  const auto& existing_policies = current.value();
  PoliciesJson doc = existing_policies ? existing_policies->doc : EmptyPolicies();
  if (AddInstallEntries(doc, EntriesFor(target, certs))) {
    if (existing_policies) {
      plan.actions.push_back(
          {ActionKind::kWriteFile, BackupPath(policies_host), existing_policies->text});
    } else if (!fs.IsDirectory(policies_host.parent_path())) {
      plan.actions.push_back({ActionKind::kMakeDirectory, policies_host.parent_path(), {}});
    }
    plan.actions.push_back({ActionKind::kWriteFile, policies_host, SerializePolicies(doc)});
  }
  return Finish(std::move(plan), fs);
}

TargetPlan PlanUninstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                         const FileSystem& fs, const SystemRoot& root) {
  TargetPlan plan{target, {}, Status::Ok()};
  const fs::path policies_host = root.Host(target.policies_file);
  auto current = ReadPolicies(fs, policies_host);
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
        if (auto parsed = ParsePolicies(backup_text.value()); parsed.ok()) backup = parsed.value();
      }
      if (backup && *backup == doc) {
        // Nothing else changed since install: give back the admin's file byte for byte.
        plan.actions.push_back({ActionKind::kWriteFile, policies_host, backup_text.value()});
        plan.actions.push_back({ActionKind::kRemoveFile, backup_host, {}});
      } else if (!backup_text.ok() && doc == EmptyPolicies()) {
        // gcatrust created this file (there was nothing to back up): remove it again.
        plan.actions.push_back({ActionKind::kRemoveFile, policies_host, {}});
        plan.actions.push_back(
            {ActionKind::kRemoveEmptyDirectory, policies_host.parent_path(), {}});
      } else {
        plan.actions.push_back({ActionKind::kWriteFile, policies_host, SerializePolicies(doc)});
      }
    }
  }

  const fs::path cert_dir_host = root.Host(target.cert_dir);
  bool removed_any = false;
  for (const Certificate& cert : certs) {
    const fs::path file = cert_dir_host / CertFileName(cert);
    if (!fs.Exists(file)) continue;
    plan.actions.push_back({ActionKind::kRemoveFile, file, {}});
    removed_any = true;
  }
  if (removed_any) plan.actions.push_back({ActionKind::kRemoveEmptyDirectory, cert_dir_host, {}});
  return Finish(std::move(plan), fs);
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
                           const FileSystem& fs, const SystemRoot& root) {
  TargetStatus status{target, {}, {}, Status::Ok()};
  auto current = ReadPolicies(fs, root.Host(target.policies_file));
  if (!current.ok()) {
    status.error = current.status();
    return status;
  }
  const std::vector<std::string> listed =
      current.value() ? InstallEntries(current.value()->doc) : std::vector<std::string>{};
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
