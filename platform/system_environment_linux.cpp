// Linux: environment variables from the process, and the fixed places Linux Firefox packages
// install to. Only data lives here; which policies file each kind reads is decided in installer/.
#include "platform/system_environment.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <set>
#include <string>

namespace gcatrust {

std::optional<std::string> SystemEnvironment::GetVariable(const std::string& name) const {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::vector<InstallCandidate> SystemEnvironment::FirefoxInstallCandidates() const {
  // Order is the order reports list installations in, so it must not depend on the machine:
  // distribution packages first, then tarballs, then the sandboxed formats.
  // Sources: installer/docs/facts.md §3.1 (Linux installations) and mkcert truststore_nss.go
  // (firefoxPaths: /usr/bin/firefox, -nightly, -developer-edition, /snap/firefox).
  return {
      // Ubuntu's and Mozilla's own .deb, Arch.
      {"/usr/lib/firefox", InstallKind::kPackage},
      // Debian's firefox-esr; its distribution/ is a link into /usr/share (installer/docs/facts.md
      // §2.2).
      {"/usr/lib/firefox-esr", InstallKind::kPackage},
      // Fedora and openSUSE put 64-bit libraries in lib64.
      {"/usr/lib64/firefox", InstallKind::kPackage},
      {"/usr/lib64/firefox-esr", InstallKind::kPackage},
      // The packages behind mkcert's /usr/bin/firefox-developer-edition and
      // /usr/bin/firefox-nightly (e.g. Arch's firefox-developer-edition, Mozilla's nightly .deb).
      {"/usr/lib/firefox-developer-edition", InstallKind::kPackage},
      {"/usr/lib/firefox-nightly", InstallKind::kPackage},
      // Mozilla's tarball unpacked by hand: /opt/firefox by convention, but any /opt/<name>
      // (and /opt/<name>/firefox) may hold one.
      {"/opt", InstallKind::kTarball, /*scan_children=*/true},
      // The other common place to unpack the tarball; /usr/local/lib holds many unrelated
      // libraries, so only its firefox folder is a candidate, not every child.
      {"/usr/local/lib/firefox", InstallKind::kTarball},
      // Snap: read-only squashfs; reads /etc/firefox/policies (installer/docs/facts.md §2.3;
      // mkcert checks /snap/firefox).
      {"/snap/firefox/current/usr/lib/firefox", InstallKind::kSnap},
      // Flatpak, system-wide installation; it reads policies from the
      // org.mozilla.firefox.systemconfig extension instead (installer/docs/facts.md §2.4).
      {"/var/lib/flatpak/app/org.mozilla.firefox/current/active/files/lib/firefox",
       InstallKind::kFlatpak},
  };
}

std::vector<InstallCandidate> SystemEnvironment::ThunderbirdInstallCandidates() const {
  // Same order as Firefox's. Thunderbird's policy templates (thunderbird/policy-templates
  // README): "thunderbird/distribution" in the install dir, or /etc/thunderbird/policies.
  return {
      // Debian's and Ubuntu's thunderbird package (seen: Debian 12, /usr/lib/thunderbird with
      // thunderbird -> thunderbird-bin and no distribution folder).
      {"/usr/lib/thunderbird", InstallKind::kPackage},
      // Fedora and openSUSE.
      {"/usr/lib64/thunderbird", InstallKind::kPackage},
      // Mozilla's tarball unpacked by hand (/opt/thunderbird by convention).
      {"/opt", InstallKind::kTarball, /*scan_children=*/true},
      {"/usr/local/lib/thunderbird", InstallKind::kTarball},
      // Snap: like Firefox's, read-only; it reads /etc/thunderbird through the system-files
      // interface (snapcraft docs, "The system-files interface": Firefox, Chromium and
      // Thunderbird snaps use it).
      {"/snap/thunderbird/current/usr/lib/thunderbird", InstallKind::kSnap},
      // No flatpak entry: Flathub's org.mozilla.Thunderbird has no systemconfig extension for
      // policies (flathub/org.mozilla.Thunderbird); its profiles are still found and imported.
  };
}

std::vector<std::filesystem::path> SystemEnvironment::ThunderbirdProfileRootsInHome() const {
  return {
      // MOZ_USER_DIR of Thunderbird on Linux (its application.ini: Profile=thunderbird).
      ".thunderbird",
      // The snap's home is ~/snap/<name>/common, as for Firefox.
      "snap/thunderbird/common/.thunderbird",
      // Flathub README (flathub/org.mozilla.Thunderbird): copy ~/.thunderbird to
      // ~/.var/app/org.mozilla.Thunderbird/.thunderbird.
      ".var/app/org.mozilla.Thunderbird/.thunderbird",
  };
}

std::optional<SharedNssDbLayout> SystemEnvironment::ChromiumSharedNssDb() const {
  SharedNssDbLayout layout;
  // Chromium's crypto/nss_util.cc GetDefaultConfigDirectory: $HOME/.pki/nssdb, opened as
  // "sql:" (installer/docs/facts.md §3.7).
  layout.db_in_home = ".pki/nssdb";
  layout.installed_markers = {
      "/usr/bin/chromium",          // Debian's chromium
      "/usr/bin/chromium-browser",  // older Ubuntu, Fedora
      "/usr/lib/chromium",          // Debian's chromium's own folder
      "/usr/bin/google-chrome",     // Google's .deb/.rpm
      "/usr/bin/google-chrome-stable",
      "/opt/google/chrome",  // where Google's packages put Chrome
  };
  // The profile folders Chromium and Chrome make on first start
  // (chrome/common/chrome_paths_linux.cc: $XDG_CONFIG_HOME/chromium, .../google-chrome).
  layout.used_markers_in_home = {".config/chromium", ".config/google-chrome"};
  return layout;
}

namespace {

UserAccount FromPasswd(const struct passwd& entry) {
  return UserAccount{entry.pw_name ? entry.pw_name : "", entry.pw_uid, entry.pw_gid,
                     entry.pw_dir ? entry.pw_dir : ""};
}

// True if a process other than this open file description holds a lock on the file that a
// write lock over the whole file would conflict with. F_OFD_GETLK (Linux >= 3.15) also sees
// locks of this very process; F_GETLK is the fallback for older kernels.
bool SomeoneLocks(int fd) {
  struct flock query = {};
  query.l_type = F_WRLCK;
  query.l_whence = SEEK_SET;
  query.l_start = 0;
  query.l_len = 0;  // the whole file
#ifdef F_OFD_GETLK
  if (::fcntl(fd, F_OFD_GETLK, &query) == 0) return query.l_type != F_UNLCK;
  query.l_type = F_WRLCK;
  query.l_pid = 0;
#endif
  if (::fcntl(fd, F_GETLK, &query) == 0) return query.l_type != F_UNLCK;
  return false;
}

// nsProfileLock::LockWithSymlink: "lock" -> "<IPv4>:<pid>", or "<IPv4>:+<pid>" when the fcntl
// lock on .parentlock is the real one (the '+' marks the symlink obsolete). Only a
// non-obsolete link whose process is alive counts; a crashed Firefox's link is stale.
bool SymlinkLockIsLive(const std::filesystem::path& lock) {
  std::string target(256, '\0');
  const ssize_t length = ::readlink(lock.c_str(), target.data(), target.size());
  if (length <= 0) return false;
  target.resize(static_cast<size_t>(length));
  const size_t colon = target.rfind(':');
  if (colon == std::string::npos || colon + 1 >= target.size()) return false;
  if (target[colon + 1] == '+') return false;
  char* end = nullptr;
  const long pid = std::strtol(target.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || pid <= 0) return false;
  // kill(pid, 0) checks existence only; EPERM means it exists but belongs to someone else.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

std::vector<std::filesystem::path> SystemEnvironment::ProfileRootsInHome() const {
  // toolkit/xre/nsXREDirProvider.cpp; installer/docs/facts.md §3.4.
  return {
      // The classic root (toolkit/xre/nsXREDirProvider.cpp, MOZ_USER_DIR ".mozilla").
      ".mozilla/firefox",
      // Firefox >= 147 new profiles when ~/.mozilla does not exist: $XDG_CONFIG_HOME/mozilla/
      // firefox, default ~/.config (nsXREDirProvider LegacyHomeExists; mkcert #668).
      // profile_discovery.cpp also scans $XDG_CONFIG_HOME for the current user.
      ".config/mozilla/firefox",
      // The snap keeps its own home inside ~/snap/firefox/common (installer/docs/facts.md §3.4).
      "snap/firefox/common/.mozilla/firefox",
      // Flatpak: the sandbox's home is ~/.var/app/<app-id> (§3.3).
      ".var/app/org.mozilla.firefox/.mozilla/firefox",
  };
}

UserAccount SystemEnvironment::CurrentUser() const {
  UserAccount user;
  user.uid = ::geteuid();
  user.gid = ::getegid();
  if (const struct passwd* entry = ::getpwuid(user.uid)) user = FromPasswd(*entry);
  // $HOME wins when set: it is where Firefox itself looks (nsXREDirProvider reads $HOME, not
  // the password database), so "the current user's profiles" are those of a Firefox started
  // from this shell. This also lets tests point a run at a temporary home.
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] == '/') user.home = home;
  if (user.name.empty()) user.name = std::to_string(user.uid);
  return user;
}

std::vector<UserAccount> SystemEnvironment::AllUsers() const {
  // getpwent walks every source of nsswitch.conf (files, LDAP, NIS...), not just /etc/passwd.
  // An account listed by several sources is kept once, the first time.
  std::vector<UserAccount> users;
  std::set<std::string> names;
  ::setpwent();
  while (const struct passwd* entry = ::getpwent()) {
    UserAccount user = FromPasswd(*entry);
    if (names.insert(user.name).second) users.push_back(std::move(user));
  }
  ::endpwent();
  return users;
}

bool SystemEnvironment::IsAdmin() const { return ::geteuid() == 0; }

bool SystemEnvironment::ElevatesByUac() const { return false; }

bool SystemEnvironment::IsProfileInUse(const std::filesystem::path& host_dir) const {
  // toolkit/profile/nsProfileLock.cpp (Unix): Firefox takes an fcntl write lock on
  // <profile>/.parentlock, and falls back to the "lock" symlink where fcntl locks fail (NFS).
  // A lock held by a dead process vanishes with it, so a crash leaves nothing that counts.
  // Only open/close here: closing a file drops this process's own classic POSIX locks on it,
  // and gcatrust holds none on .parentlock.
  const int fd = ::open((host_dir / ".parentlock").c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd >= 0) {
    const bool locked = SomeoneLocks(fd);
    ::close(fd);
    if (locked) return true;
  }
  return SymlinkLockIsLive(host_dir / "lock");
}

bool SystemEnvironment::AccountCanReach(const std::filesystem::path& host_dir, std::uint32_t uid,
                                        std::uint32_t gid) const {
  char real[PATH_MAX];
  if (::realpath(host_dir.c_str(), real) == nullptr) return false;
  // The classic permission check of path resolution (path_resolution(7)): owner bits if the
  // account owns the folder, else group bits if its gid matches, else the others' bits. ACLs
  // are not consulted: a folder that only an ACL opens counts as closed, and the work is then
  // done as root, as before.
  std::filesystem::path prefix;
  for (const std::filesystem::path& part : std::filesystem::path(real)) {
    prefix /= part;
    struct stat st {};
    if (::stat(prefix.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
    const mode_t search = st.st_uid == uid ? S_IXUSR : st.st_gid == gid ? S_IXGRP : S_IXOTH;
    if ((st.st_mode & search) == 0) return false;
  }
  return true;
}

}  // namespace gcatrust
