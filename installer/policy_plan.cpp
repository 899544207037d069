#include "installer/policy_plan.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "installer/failpoint.h"
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

TargetPlan Finish(TargetPlan plan, const FileSystem& fs, const SystemRoot& root) {
  if (plan.error.ok()) plan.error = CheckTrustedPaths(plan.actions, fs, root);
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
  TargetPlan plan{target, {}, Status::Ok(), {}};
  const fs::path policies_host = root.Host(target.policies_file);
  auto current = ReadPolicies(fs, policies_host);
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
  if (AddInstallEntries(doc, entries)) {
    if (existing_policies) {
      plan.actions.push_back(
          {ActionKind::kWriteFile, BackupPath(policies_host), existing_policies->text});
    } else if (!fs.IsDirectory(policies_host.parent_path())) {
      plan.actions.push_back({ActionKind::kMakeDirectory, policies_host.parent_path(), {}});
    }
    plan.actions.push_back({ActionKind::kWriteFile, policies_host, SerializePolicies(doc)});
  }
  return Finish(std::move(plan), fs, root);
}

TargetPlan PlanUninstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                         const FileSystem& fs, const SystemRoot& root) {
  TargetPlan plan{target, {}, Status::Ok(), {}};
  const fs::path policies_host = root.Host(target.policies_file);
  auto current = ReadPolicies(fs, policies_host);
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
        if (auto parsed = ParsePolicies(backup_text.value()); parsed.ok()) backup = parsed.value();
      }
      // Install may have added "policies" or "Certificates" that the removal leaves empty.
      if (backup && SamePoliciesButEmptyContainers(*backup, doc)) {
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
    } else if (auto leftover = fs.ReadFile(BackupPath(policies_host));
               leftover.ok() && leftover.value() == current.value()->text) {
      // An uninstall stopped (killed, power cut) after giving the file back and before removing
      // the backup: the backup says nothing the file does not, so finish that uninstall.
      plan.actions.push_back({ActionKind::kRemoveFile, BackupPath(policies_host), {}});
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
  // Also when no file was there: a run killed before its first certificate was in place
  // leaves the directory it made (and its temp file, which RemoveEmptyDirectory clears).
  auto only_hidden_files = [&] {
    auto names = fs.ListDirectory(cert_dir_host);
    return names.ok() && std::all_of(names.value().begin(), names.value().end(),
                                     [](const std::string& n) { return n[0] == '.'; });
  };
  if (removed_any || (fs.IsDirectory(cert_dir_host) && only_hidden_files())) {
    plan.actions.push_back({ActionKind::kRemoveEmptyDirectory, cert_dir_host, {}});
  }
  return Finish(std::move(plan), fs, root);
}

Status ApplyActions(const std::vector<Action>& actions, FileSystem& fs) {
  return ApplyPlan(TargetPlan{{}, actions, Status::Ok(), {}}, fs, nullptr);
}

Status ApplyPlan(const TargetPlan& plan, FileSystem& fs, bool* conflict) {
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
