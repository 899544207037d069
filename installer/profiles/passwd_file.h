// The accounts of an /etc/passwd file, for --root images (the image's own users, not the
// running system's: getpwent would read the host's database).
#ifndef GCATRUST_INSTALLER_PROFILES_PASSWD_FILE_H_
#define GCATRUST_INSTALLER_PROFILES_PASSWD_FILE_H_

#include <string_view>
#include <vector>

#include "installer/result.h"
#include "installer/user_account.h"

namespace gcatrust {

/// Parses passwd(5) lines "name:password:UID:GID:GECOS:directory:shell". Blank lines, '#'
/// comments and NIS "+"/"-" inclusion lines are skipped; homes are kept as written (system
/// paths). Fails, naming the line, on a line without 7 fields or with a non-numeric UID/GID.
Result<std::vector<UserAccount>> ParsePasswdFile(std::string_view text);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PROFILES_PASSWD_FILE_H_
