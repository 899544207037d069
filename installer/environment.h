// What the core may ask of the running system besides files: environment variables and the
// platform's list of places where Firefox, Thunderbird and Chromium live. platform/ implements
// it per OS.
#ifndef GCATRUST_INSTALLER_ENVIRONMENT_H_
#define GCATRUST_INSTALLER_ENVIRONMENT_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "installer/user_account.h"

namespace gcatrust {

/// How a Firefox (or Thunderbird) got onto the machine; decides which policies file it reads.
enum class InstallKind { kPackage, kTarball, kSnap, kFlatpak, kOnPath };

/// A place where a Firefox installation may be (an absolute path as the target system sees it).
struct InstallCandidate {
  std::filesystem::path dir;
  InstallKind kind;
  /// When true, dir itself is not an installation but a folder of them (e.g. /opt):
  /// each child, and each child's "firefox" sub-folder, is a candidate.
  bool scan_children = false;
};

/// Where Chromium-family browsers keep their certificates on an OS where they use NSS (Linux):
/// one database per user, shared by every Chromium and Chrome (crypto/nss_util.cc).
struct SharedNssDbLayout {
  std::filesystem::path db_in_home;  ///< relative to the home: ".pki/nssdb"
  /// System paths: any of them present means a Chromium or Chrome is installed.
  std::vector<std::filesystem::path> installed_markers;
  /// Relative to a home: any of them present means the user has started one.
  std::vector<std::filesystem::path> used_markers_in_home;
};

class Environment {
 public:
  virtual ~Environment() = default;
  virtual std::optional<std::string> GetVariable(const std::string& name) const = 0;
  /// The fixed places this OS's Firefox packages install to.
  virtual std::vector<InstallCandidate> FirefoxInstallCandidates() const = 0;
  /// Folders, relative to a home directory, where this OS's Firefox keeps profiles.ini and
  /// profiles (Linux: ~/.mozilla/firefox, the XDG, snap and flatpak ones).
  virtual std::vector<std::filesystem::path> ProfileRootsInHome() const = 0;
  /// The fixed places this OS's Thunderbird packages install to. The default (none) is for a
  /// platform that does not list them yet.
  virtual std::vector<InstallCandidate> ThunderbirdInstallCandidates() const { return {}; }
  /// Like ProfileRootsInHome, for Thunderbird (Linux: ~/.thunderbird and the snap's and
  /// flatpak's; Windows: AppData/Roaming/Thunderbird). Default: none.
  virtual std::vector<std::filesystem::path> ThunderbirdProfileRootsInHome() const { return {}; }
  /// Chromium's shared NSS database; nullopt where Chromium uses the OS's own certificate
  /// store instead (Windows, macOS), which is the default.
  virtual std::optional<SharedNssDbLayout> ChromiumSharedNssDb() const { return std::nullopt; }
  /// The user running gcatrust.
  virtual UserAccount CurrentUser() const = 0;
  /// Every account of the password database (getpwent: also LDAP/NIS users, not just /home/*).
  virtual std::vector<UserAccount> AllUsers() const = 0;
  /// Root on POSIX, an elevated administrator on Windows.
  virtual bool IsAdmin() const = 0;
  /// True where administrator rights come from UAC elevation (Windows) rather than root, so
  /// messages tell the user the right way to get them.
  virtual bool ElevatesByUac() const { return false; }
  /// True while a Firefox runs on the profile at host_dir (Linux/macOS: another process holds
  /// the fcntl lock on .parentlock; Windows: parent.lock is open; nsProfileLock.cpp).
  virtual bool IsProfileInUse(const std::filesystem::path& host_dir) const = 0;
  /// True if an account with this uid and primary gid (no supplementary groups: an image's
  /// account is not in this machine's group database) may search every folder from "/" down to
  /// host_dir, links resolved, so an NSS worker switched to it can open the profile there.
  virtual bool AccountCanReach(const std::filesystem::path& /*host_dir*/, std::uint32_t /*uid*/,
                               std::uint32_t /*gid*/) const {
    return false;
  }
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_ENVIRONMENT_H_
