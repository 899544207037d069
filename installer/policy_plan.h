// Plan, then apply: what install/uninstall would change for one policies target, as a list of
// file actions that --dry-run prints and Apply carries out. Order keeps Firefox's view valid at
// every step: install writes the certificate files before the policies.json that lists them;
// uninstall rewrites policies.json before removing the files.
#ifndef GCATRUST_INSTALLER_POLICY_PLAN_H_
#define GCATRUST_INSTALLER_POLICY_PLAN_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "installer/certificate.h"
#include "installer/file_system.h"
#include "installer/policy_registry.h"
#include "installer/policy_targets.h"
#include "installer/registry_policy.h"
#include "installer/result.h"
#include "installer/system_root.h"

namespace gcatrust {

enum class ActionKind { kMakeDirectory, kWriteFile, kRemoveFile, kRemoveEmptyDirectory };

struct Action {
  ActionKind kind;
  std::filesystem::path host_path;
  std::string contents;  ///< for kWriteFile
};

/// The policies file as a plan read it (host path; text, or nullopt when it did not exist).
struct PoliciesSnapshot {
  std::filesystem::path host_path;
  std::optional<std::string> text;
};

struct TargetPlan {
  PolicyTarget target;
  std::vector<Action> actions;  ///< empty: nothing to do (already as wanted)
  /// PolicyFormat::kWindowsRegistry: the registry edits (after the files on install, before
  /// them on uninstall).
  std::vector<RegistryEdit> registry_edits;
  Status error;           ///< the target cannot be planned; nothing will be touched
  PoliciesSnapshot read;  ///< what the plan merged into
};

/// File name of a certificate in a cert dir; uninstall and status match on it.
std::string CertFileName(const Certificate& cert);
/// Where the previous policies.json is kept before gcatrust replaces it.
std::filesystem::path BackupPath(const std::filesystem::path& policies_file);

/// The Install entry of cert as Firefox will read it.
std::string InstallEntryFor(const PolicyTarget& target, const Certificate& cert);

/// registry: needed for PolicyFormat::kWindowsRegistry targets only.
TargetPlan PlanInstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                       const FileSystem& fs, const SystemRoot& root,
                       const PolicyRegistry* registry = nullptr);
TargetPlan PlanUninstall(const PolicyTarget& target, const std::vector<Certificate>& certs,
                         const FileSystem& fs, const SystemRoot& root,
                         const PolicyRegistry* registry = nullptr);
bool PlanIsEmpty(const TargetPlan& plan);

/// Carries out the actions in order and stops at the first failure.
Status ApplyActions(const std::vector<Action>& actions, FileSystem& fs);

/// Files and registry edits in the order that keeps Firefox's view valid (registry edits after
/// the files on install, before them on uninstall). Right before replacing or removing the
/// policies file it reads the file again: if someone else (an admin's editor, another tool)
/// changed it since the plan read it, it stops there with *conflict set, so that the caller
/// plans again on the new text instead of overwriting that change. (Other gcatrust runs are
/// kept out by the run lock, run_lock.h; the window left is the one between this read and the
/// rename, microseconds instead of the run.)
Status ApplyPlan(const TargetPlan& plan, bool installing, FileSystem& fs, PolicyRegistry* registry,
                 bool* conflict = nullptr);

/// What status reports for one target.
struct TargetStatus {
  PolicyTarget target;
  std::vector<std::string> present_ids;  ///< listed in policies.json and file in place
  std::vector<std::string> missing_ids;
  Status error;
};

TargetStatus InspectTarget(const PolicyTarget& target, const std::vector<Certificate>& certs,
                           const FileSystem& fs, const SystemRoot& root,
                           const PolicyRegistry* registry = nullptr);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_POLICY_PLAN_H_
