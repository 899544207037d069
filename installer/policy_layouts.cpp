#include "installer/policy_layouts.h"

#include "installer/registry_policy.h"

namespace gcatrust {

namespace {

PolicyTarget WindowsDistributionTarget(const fs::path& install_dir, const WindowsPaths& paths) {
  // <install>\distribution\policies.json is XREAppDist on Windows too
  // (EnterprisePoliciesParent.sys.mjs; installer/docs/facts.md §2.5).
  PolicyTarget t;
  t.policies_file = install_dir / "distribution" / "policies.json";
  t.cert_dir = paths.program_data / "gcatrust" / "certs";
  t.cert_dir_in_firefox = paths.program_data_in_firefox + "\\gcatrust\\certs";
  t.entry_separator = '\\';
  t.removable_cert_dir_parents = 1;  // %ProgramData%\gcatrust
  return t;
}

}  // namespace

const char* TargetOsName(TargetOs os) {
  switch (os) {
    case TargetOs::kLinux:
      return "linux";
    case TargetOs::kWindows:
      return "windows";
    case TargetOs::kMacos:
      return "macos";
  }
  return "?";
}

std::vector<InstallCandidate> LayoutInstallCandidates(TargetOs os) {
  switch (os) {
    case TargetOs::kWindows:
      // Mozilla's installer defaults, 64-bit and 32-bit (installer/docs/facts.md §3.2).
      return {{"/Program Files/Mozilla Firefox", InstallKind::kPackage, false},
              {"/Program Files (x86)/Mozilla Firefox", InstallKind::kPackage, false}};
    case TargetOs::kMacos:
      // /Applications/Firefox*.app (mkcert firefoxPaths; installer/docs/facts.md §3.3).
      return {{"/Applications", InstallKind::kPackage, true}};
    case TargetOs::kLinux:
      break;
  }
  return {};
}

WindowsPaths WindowsPathsFor(const Environment& env, const SystemRoot& root) {
  if (root.is_running_system() && HostTargetOs() == TargetOs::kWindows) {
    const std::string program_data = env.GetVariable("ProgramData").value_or("C:\\ProgramData");
    return {fs::u8path(program_data), program_data};
  }
  // An image mounted at --root: its C:\ is the root folder.
  return {"/ProgramData", "C:\\ProgramData"};
}

Result<std::vector<PolicyTarget>> ChooseLayoutTargets(
    TargetOs os, const std::vector<FirefoxInstallation>& installs, const FileSystem& fs,
    const Environment& env, const SystemRoot& root, const PolicyRegistry* registry,
    bool use_registry) {
  std::vector<PolicyTarget> targets;
  if (installs.empty()) return targets;
  switch (os) {
    case TargetOs::kLinux:
      return ChoosePolicyTargets(installs, fs, root);

    case TargetOs::kMacos: {
      PolicyTarget t;
      t.policies_file = kMacPoliciesPlist;
      t.cert_dir = kMacCertDir;
      t.cert_dir_in_firefox = kMacCertDir;
      t.format = PolicyFormat::kMacPlist;
      t.entry_separator = '/';  // a macOS path, also when written from Windows
      for (const FirefoxInstallation& i : installs) t.installations.push_back(i.dir);
      targets.push_back(std::move(t));
      return targets;
    }

    case TargetOs::kWindows: {
      const WindowsPaths paths = WindowsPathsFor(env, root);
      // The registry's Certificates policy replaces policies.json's as a whole
      // (EnterprisePoliciesParent.sys.mjs CombinedProvider), so it must be written there.
      if (use_registry || (registry != nullptr && HasCertificatesPolicy(*registry))) {
        if (registry == nullptr) {
          return Status::Error("no Windows registry to write (an image needs " +
                               root.Host("/Windows/System32/config/SOFTWARE").u8string() + ")");
        }
        PolicyTarget t = WindowsDistributionTarget(installs.front().dir, paths);
        t.policies_file = fs::u8path(MachineKeyName(kInstallPolicyKey));
        t.format = PolicyFormat::kWindowsRegistry;
        for (const FirefoxInstallation& i : installs) t.installations.push_back(i.dir);
        targets.push_back(std::move(t));
        return targets;
      }
      for (const FirefoxInstallation& i : installs) {
        PolicyTarget t = WindowsDistributionTarget(i.dir, paths);
        t.installations.push_back(i.dir);
        // Every installation lists the same files: only the last target removes them.
        t.keep_cert_files = &i != &installs.back();
        targets.push_back(std::move(t));
      }
      return targets;
    }
  }
  return targets;
}

}  // namespace gcatrust
