// Whose Firefox profiles a run looks at.
#ifndef GCATRUST_INSTALLER_PROFILES_PROFILE_USERS_H_
#define GCATRUST_INSTALLER_PROFILES_PROFILE_USERS_H_

#include <vector>

#include "installer/environment.h"
#include "installer/file_system.h"
#include "installer/system_root.h"
#include "installer/user_account.h"

namespace gcatrust {

/// An image (--root): the accounts of the image's /etc/passwd (an unreadable or malformed
/// file gives none). The running system as admin: env.AllUsers(), then env.CurrentUser() if
/// its home is new (root run with HOME set elsewhere). Otherwise: env.CurrentUser() only.
/// Accounts whose home is missing (nobody's /nonexistent) are dropped, as are repeated homes
/// (system accounts sharing "/"; the first account keeps it).
std::vector<UserAccount> UsersToScan(const FileSystem& fs, const Environment& env,
                                     const SystemRoot& root);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PROFILES_PROFILE_USERS_H_
