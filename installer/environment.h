// What the core may ask of the running system besides files: environment variables and the
// platform's list of places where Firefox is installed. platform/ implements it per OS.
#ifndef GCATRUST_INSTALLER_ENVIRONMENT_H_
#define GCATRUST_INSTALLER_ENVIRONMENT_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "installer/user_account.h"

namespace gcatrust {

/// How a Firefox got onto the machine; decides which policies file it reads.
enum class InstallKind { kPackage, kTarball, kSnap, kFlatpak, kOnPath };

/// A place where a Firefox installation may be (an absolute path as the target system sees it).
struct InstallCandidate {
  std::filesystem::path dir;
  InstallKind kind;
  /// When true, dir itself is not an installation but a folder of them (e.g. /opt):
  /// each child, and each child's "firefox" sub-folder, is a candidate.
  bool scan_children = false;
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
  /// The user running gcatrust.
  virtual UserAccount CurrentUser() const = 0;
  /// Every account of the password database (getpwent: also LDAP/NIS users, not just /home/*).
  virtual std::vector<UserAccount> AllUsers() const = 0;
  /// Root on POSIX, an elevated administrator on Windows.
  virtual bool IsAdmin() const = 0;
  /// True while a Firefox runs on the profile at host_dir (Linux/macOS: another process holds
  /// the fcntl lock on .parentlock; Windows: parent.lock is open; nsProfileLock.cpp).
  virtual bool IsProfileInUse(const std::filesystem::path& host_dir) const = 0;
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_ENVIRONMENT_H_
