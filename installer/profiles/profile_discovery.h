// Finds every Firefox profile of the given users: those profiles.ini and installs.ini list,
// and profile folders they don't list (left over, or made with -profile) that hold an NSS
// database (installer/docs/facts.md §3.4; mkcert truststore_nss.go globs */cert9.db the same way).
#ifndef GCATRUST_INSTALLER_PROFILES_PROFILE_DISCOVERY_H_
#define GCATRUST_INSTALLER_PROFILES_PROFILE_DISCOVERY_H_

#include <filesystem>
#include <vector>

#include "installer/environment.h"
#include "installer/file_system.h"
#include "installer/profiles/firefox_profile.h"
// The rest of the profile step, so that one include gives it all: whose profiles to scan, and
// the check before writing to one.
#include "installer/profiles/profile_safety.h"
#include "installer/profiles/profile_users.h"
#include "installer/system_root.h"
#include "installer/user_account.h"

namespace gcatrust {

/// For each user, in order, each env.ProfileRootsInHome() under the user's home (mapped
/// through root.Host) is scanned: [Profile*] sections of profiles.ini (IsRelative=1: Path is
/// relative to the profiles.ini folder with '/' separators; 0: absolute), Default= of
/// [Install*] sections of profiles.ini and installs.ini, then unlisted child folders of the
/// root and of root/Profiles (the Windows/macOS layout) holding cert9.db or cert8.db.
/// Folders that do not exist are skipped; each folder is reported once (the first time its
/// symlink-resolved path is seen). Order is stable: users, roots, profiles.ini order, then
/// unlisted folders by name.
///
/// XDG: for the current user on the running system, when not admin, roots under ~/.config
/// are also looked for under an absolute $XDG_CONFIG_HOME (Firefox >= 147 makes new profiles
/// in $XDG_CONFIG_HOME/mozilla/firefox when ~/.mozilla does not exist: nsXREDirProvider,
/// installer/docs/facts.md §3.4). Other users' variables are unknown, and an admin's may be the
/// invoking user's (sudo -E), so only their ~/.config is scanned.
///
/// apps: the Mozilla applications whose roots are scanned (empty: Firefox and Thunderbird):
/// Firefox's env.ProfileRootsInHome(), Thunderbird's env.ThunderbirdProfileRootsInHome() (same
/// profiles.ini format: toolkit/profile is shared). Each profile says which app it belongs to.
std::vector<FirefoxProfile> DiscoverProfiles(const FileSystem& fs, const Environment& env,
                                             const SystemRoot& root,
                                             const std::vector<UserAccount>& users,
                                             const std::vector<Browser>& apps = {});

/// One profile folder (system path) as it is: its database format and the Firefox that last
/// ran it; named after the folder. For --profile DIR.
FirefoxProfile InspectProfile(const FileSystem& fs, const SystemRoot& root,
                              const std::filesystem::path& dir, const UserAccount& owner);

/// The profile roots scanned for user (system paths), in order; see DiscoverProfiles.
std::vector<std::filesystem::path> ProfileRootsOf(const Environment& env, const SystemRoot& root,
                                                  const UserAccount& user,
                                                  Browser app = Browser::kFirefox);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PROFILES_PROFILE_DISCOVERY_H_
