// Each OS's Firefox layout for the policies method, so --target-os can apply Windows' or macOS'
// layout to a mounted image from Linux:
// - linux: policy_targets.h (/etc/firefox or each installation's distribution/policies.json).
// - windows: each installation's distribution\policies.json, or, when the registry holds a
//   Certificates policy (or --registry), HKLM\SOFTWARE\Policies\Mozilla\Firefox; certificates
//   in %ProgramData%\gcatrust\certs, listed by their Windows path.
// - macos: /Library/Preferences/org.mozilla.firefox.plist, certificates in
//   /Library/Application Support/Mozilla/Certificates (never inside the signed Firefox.app).
#ifndef GCATRUST_INSTALLER_POLICY_LAYOUTS_H_
#define GCATRUST_INSTALLER_POLICY_LAYOUTS_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "installer/environment.h"
#include "installer/file_system.h"
#include "installer/firefox_discovery.h"
#include "installer/options.h"
#include "installer/policy_registry.h"
#include "installer/policy_targets.h"
#include "installer/system_root.h"

namespace gcatrust {

/// The OS gcatrust was built for (platform/host_os_*.cpp).
TargetOs HostTargetOs();
const char* TargetOsName(TargetOs os);

/// --target-os, else the running OS.
inline TargetOs EffectiveTargetOs(const Options& o) { return o.target_os.value_or(HostTargetOs()); }

/// Fixed installation places of an OS, as its image holds them (absolute system paths;
/// Windows: "/Program Files/Mozilla Firefox" = C:\Program Files\Mozilla Firefox).
std::vector<InstallCandidate> LayoutInstallCandidates(TargetOs os);

/// Windows: where %ProgramData% is, as a system path and as Firefox sees it.
struct WindowsPaths {
  std::filesystem::path program_data;   ///< system path ("/ProgramData" in an image)
  std::string program_data_in_firefox;  ///< "C:\\ProgramData"
};
WindowsPaths WindowsPathsFor(const Environment& env, const SystemRoot& root);

/// What the policies method acts on for os. registry: the machine registry when there is one
/// (Windows), else null; use_registry: --registry.
Result<std::vector<PolicyTarget>> ChooseLayoutTargets(
    TargetOs os, const std::vector<FirefoxInstallation>& installs, const FileSystem& fs,
    const Environment& env, const SystemRoot& root, const PolicyRegistry* registry,
    bool use_registry);

/// macOS: Firefox reads the plist only with EnterprisePoliciesEnabled = true
/// (macOSPoliciesParser.sys.mjs; policy-templates mac/README.md).
inline const std::filesystem::path kMacPoliciesPlist =
    "/Library/Preferences/org.mozilla.firefox.plist";
/// XRESysNativeManifests + "Certificates": the system-wide place Firefox also searches for
/// relative Install names on macOS (Policies.sys.mjs; installer/docs/facts.md §1.4).
inline const std::filesystem::path kMacCertDir =
    "/Library/Application Support/Mozilla/Certificates";

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_POLICY_LAYOUTS_H_
