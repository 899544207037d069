// Chromium's (and Google Chrome's) certificate database on Linux: one NSS database per user,
// ~/.pki/nssdb, shared by every Chromium-family browser of that user. Chromium has no
// enterprise policy that installs a CA on Linux, so the database is the only way in.
#ifndef GCATRUST_INSTALLER_SHARED_NSS_DB_H_
#define GCATRUST_INSTALLER_SHARED_NSS_DB_H_

#include <vector>

#include "installer/environment.h"
#include "installer/file_system.h"
#include "installer/profiles/firefox_profile.h"
#include "installer/system_root.h"
#include "installer/user_account.h"

namespace gcatrust {

/// The system path of the first installed-marker found (a Chromium or Chrome is installed), or
/// an empty path.
std::filesystem::path FindChromium(const FileSystem& fs, const Environment& env,
                                   const SystemRoot& root);

/// The shared NSS databases to act on, one per user at most, as profiles with app kChromium:
/// - a user's ~/.pki/nssdb holding cert9.db is always taken (whatever made it, Chromium reads it);
/// - a user without one gets it created (create_db), as Chromium does on its first start, when
///   a Chromium or Chrome is installed and either the user has started one (~/.config/chromium
///   or ~/.config/google-chrome exists) or the user is the one running gcatrust (not root). Other
///   accounts (service accounts with a home, users who never use Chromium) are left alone, and
///   nothing is created in an image (--root): its owners' identities are not this system's.
/// Empty where the OS has no shared NSS database (env.ChromiumSharedNssDb()).
std::vector<FirefoxProfile> FindSharedNssDbs(const FileSystem& fs, const Environment& env,
                                             const SystemRoot& root,
                                             const std::vector<UserAccount>& users);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_SHARED_NSS_DB_H_
