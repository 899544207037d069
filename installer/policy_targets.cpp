#include "installer/policy_targets.h"

#include <algorithm>

namespace gcatrust {

namespace {

// Flatpak Firefox cannot see the host's /etc; it reads policies from the
// org.mozilla.firefox.systemconfig extension, mounted in the sandbox at /app/etc/firefox
// (SpecialSystemDirectory.cpp GetUnixSystemConfigDir; mozilla/enterprise-admin-reference #226).
const fs::path kFlatpakAppDir = "/var/lib/flatpak/app/org.mozilla.firefox";
const fs::path kFlatpakExtensionDir = "/var/lib/flatpak/extension/org.mozilla.firefox.systemconfig";
const fs::path kFlatpakSandboxCertDir = "/app/etc/firefox/certificates";

PolicyTarget FlatpakTarget(const FileSystem& fs, const SystemRoot& root) {
  // ".../org.mozilla.firefox/current" links to "<arch>/<branch>"; the extension uses the same pair.
  fs::path arch_branch = "x86_64/stable";
  const fs::path current = fs.ResolveSymlinks(root.Host(kFlatpakAppDir / "current"));
  if (current.has_parent_path() && current.filename() != "current") {
    arch_branch = current.parent_path().filename() / current.filename();
  }
  const fs::path ext = kFlatpakExtensionDir / arch_branch;
  return {Browser::kFirefox,
          ext / "policies" / "policies.json",
          ext / "certificates",
          kFlatpakSandboxCertDir,
          {},
          {}};
}

const fs::path& SystemCertDirOf(Browser app) {
  return app == Browser::kThunderbird ? kThunderbirdSystemCertDir : kSystemCertDir;
}

PolicyTarget SystemTarget(Browser app) {
  return {app, SystemPoliciesFileOf(app), SystemCertDirOf(app), SystemCertDirOf(app), {}, {}};
}

PolicyTarget DistributionTarget(Browser app, const fs::path& install_dir) {
  // <install>/distribution is XREAppDist, the policies.json location of every desktop Firefox
  // (EnterprisePoliciesParent.sys.mjs; installer/docs/facts.md §2) and Thunderbird
  // (thunderbird/policy-templates README); relative Install names are also looked up in its
  // "certificates".
  const fs::path dist = install_dir / "distribution";
  return {app, dist / "policies.json", dist / "certificates", dist / "certificates", {}, {}};
}

}  // namespace

const fs::path& SystemPoliciesFileOf(Browser app) {
  return app == Browser::kThunderbird ? kThunderbirdSystemPoliciesFile : kSystemPoliciesFile;
}

std::vector<PolicyTarget> ChoosePolicyTargets(const std::vector<FirefoxInstallation>& installs,
                                              const FileSystem& fs, const SystemRoot& root) {
  // The snap's own distribution/ is read-only squashfs, so it needs /etc/<app>; once that file
  // exists it shadows every other installation's distribution/policies.json of the same app.
  auto use_system_file = [&](Browser app) {
    return fs.Exists(root.Host(SystemPoliciesFileOf(app))) ||
           std::any_of(installs.begin(), installs.end(), [&](const FirefoxInstallation& i) {
             return i.app == app && i.kind == InstallKind::kSnap;
           });
  };

  std::vector<PolicyTarget> targets;
  for (const FirefoxInstallation& install : installs) {
    const Browser app = install.app;
    // Only Firefox's flatpak has a policies extension (org.mozilla.firefox.systemconfig).
    PolicyTarget wanted = install.kind == InstallKind::kFlatpak && app == Browser::kFirefox
                              ? FlatpakTarget(fs, root)
                          : use_system_file(app) ? SystemTarget(app)
                                                 : DistributionTarget(app, install.dir);
    auto same = std::find_if(targets.begin(), targets.end(), [&](const PolicyTarget& t) {
      return t.policies_file == wanted.policies_file;
    });
    if (same == targets.end()) {
      targets.push_back(std::move(wanted));
      same = targets.end() - 1;
    }
    same->installations.push_back(install.dir);
    const fs::path own_file = DistributionTarget(app, install.dir).policies_file;
    const fs::path& system_file = SystemPoliciesFileOf(app);
    if (same->policies_file == system_file && !fs.Exists(root.Host(system_file)) &&
        fs.Exists(root.Host(own_file))) {
      same->shadowed_files.push_back(own_file);
    }
  }
  return targets;
}

std::vector<PolicyTarget> LeftoverSystemTargets(const std::vector<PolicyTarget>& chosen,
                                                const FileSystem& fs, const SystemRoot& root) {
  std::vector<PolicyTarget> leftovers;
  for (Browser app : {Browser::kFirefox, Browser::kThunderbird}) {
    const fs::path& file = SystemPoliciesFileOf(app);
    const bool named = std::any_of(chosen.begin(), chosen.end(),
                                   [&](const PolicyTarget& t) { return t.policies_file == file; });
    if (!named && fs.Exists(root.Host(file))) leftovers.push_back(SystemTarget(app));
  }
  return leftovers;
}

}  // namespace gcatrust
