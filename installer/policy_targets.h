// Decides which policies.json each Firefox (or Thunderbird) actually reads, and where the
// certificate files listed in it live. Installations that read the same file share one target.
#ifndef GCATRUST_INSTALLER_POLICY_TARGETS_H_
#define GCATRUST_INSTALLER_POLICY_TARGETS_H_

#include <filesystem>
#include <string>
#include <vector>

#include "installer/file_system.h"
#include "installer/firefox_discovery.h"
#include "installer/system_root.h"

namespace gcatrust {

/// How the policies are stored: Firefox's policies.json, the macOS preference plist, or the
/// Windows registry (Certificates.Install as numbered values, registry_policy.h).
enum class PolicyFormat { kJson, kMacPlist, kWindowsRegistry };

struct PolicyTarget {
  Browser app = Browser::kFirefox;      ///< whose policies: kFirefox or kThunderbird
  std::filesystem::path policies_file;  ///< system path of the policies.json Firefox reads
  std::filesystem::path cert_dir;       ///< system path where gcatrust puts its DER files
  /// cert_dir as Firefox sees it: differs for flatpak, whose sandbox mounts the systemconfig
  /// extension at /app/etc/firefox.
  std::filesystem::path cert_dir_in_firefox;
  std::vector<std::filesystem::path> installations;  ///< the Firefox dirs that read it
  /// distribution/policies.json files that Firefox stops reading once policies_file is created
  /// (/etc/firefox shadows them): their policies are not copied, so the user is told.
  std::vector<std::filesystem::path> shadowed_files;
  PolicyFormat format = PolicyFormat::kJson;
  /// Joins cert_dir_in_firefox and a file name in Install entries: '\\' for Windows paths,
  /// also when they are written from Linux into a Windows image.
  /// The running system's by default; layouts of another OS set their own.
  char entry_separator = static_cast<char>(std::filesystem::path::preferred_separator);
  /// Uninstall leaves the certificate files: another target of the same run still lists them
  /// (Windows installations share %ProgramData%\gcatrust\certs).
  bool keep_cert_files = false;
  /// How many folders above cert_dir are gcatrust's own, removed with it once empty
  /// (Windows: %ProgramData%\gcatrust above its certs).
  int removable_cert_dir_parents = 0;
};

/// /etc/firefox/policies/policies.json: read by Debian's firefox-esr, Mozilla's tarball and the
/// snap, and when it exists every such Firefox ignores its distribution/policies.json
/// (EnterprisePoliciesParent.sys.mjs, SysConfD; seen with firefox-esr 153, installer/docs/facts.md
/// §2.1).
inline const std::filesystem::path kSystemPoliciesFile = "/etc/firefox/policies/policies.json";
inline const std::filesystem::path kSystemCertDir = "/etc/firefox/certificates";

/// Thunderbird's: the same policies engine (toolkit's EnterprisePoliciesParent.sys.mjs, SysConfD
/// = /etc/ + lowercased app name "Thunderbird"), documented in thunderbird/policy-templates
/// ("You can also specify a system-wide policy by placing the file in /etc/thunderbird/policies"),
/// and Certificates.Install is one of Thunderbird's policies (same templates, "Certificates ->
/// Install: Install certificates into the Thunderbird certificate store").
inline const std::filesystem::path kThunderbirdSystemPoliciesFile =
    "/etc/thunderbird/policies/policies.json";
inline const std::filesystem::path kThunderbirdSystemCertDir = "/etc/thunderbird/certificates";

/// The system-wide policies file of app (/etc/firefox/... or /etc/thunderbird/...).
const std::filesystem::path& SystemPoliciesFileOf(Browser app);

std::vector<PolicyTarget> ChoosePolicyTargets(const std::vector<FirefoxInstallation>& installs,
                                              const FileSystem& fs, const SystemRoot& root);

/// The system-wide policies files (/etc/firefox, /etc/thunderbird) that exist but that no
/// target of `chosen` names: those of an application that is no longer installed. The file
/// outlives the application (`dpkg -r firefox-esr` leaves /etc/firefox, an administrator's file or
/// ours), so uninstall must still take gcatrust's entries out of it.
std::vector<PolicyTarget> LeftoverSystemTargets(const std::vector<PolicyTarget>& chosen,
                                                const FileSystem& fs, const SystemRoot& root);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_POLICY_TARGETS_H_
