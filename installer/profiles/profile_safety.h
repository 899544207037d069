// Refuses profiles that could trick a privileged gcatrust into writing outside the profile
// owner's home: as root, following a user's cert9.db -> /etc/shadow symlink (or a hard link
// to a root file) would let that user overwrite any file.
#ifndef GCATRUST_INSTALLER_PROFILES_PROFILE_SAFETY_H_
#define GCATRUST_INSTALLER_PROFILES_PROFILE_SAFETY_H_

#include <filesystem>
#include <functional>
#include <optional>

#include "installer/environment.h"
#include "installer/file_system.h"
#include "installer/profiles/firefox_profile.h"
#include "installer/result.h"
#include "installer/system_root.h"
#include "platform/file_owner.h"

namespace gcatrust {

/// Answers InspectFileOwner's question for a host path; tests pass their own.
using FileOwnerInspector =
    std::function<std::optional<FileOwner>(const std::filesystem::path& host_path)>;

/// True when gcatrust acts on the profile with rights its owner lacks: on an image (--root;
/// absolute symlinks there resolve on the host), or as admin on another account's profile.
bool ProfileNeedsSafetyCheck(const Environment& env, const SystemRoot& root,
                             const FirefoxProfile& profile);

/// Fails, saying which path and why, when the profile folder or one of the files NSS writes
/// in it (cert9.db, key4.db, cert8.db, key3.db, pkcs11.txt, SQLite journals):
///  - resolves (through any symlink, also in a parent folder) outside the owner's home,
///  - is a symlink to nothing (writing would create its target), or
///  - is not owned by profile.owner.uid (e.g. a hard link to a root-owned file).
/// Files that do not exist pass: NSS creates them inside the checked folder. This is a check
/// before the work, not a guarantee during it (the files can change after it): the NSS worker
/// also runs as the profile owner (installer/nss/nss_job.h).
Status CheckProfileIsSafe(const FileSystem& fs, const FirefoxProfile& profile,
                          const SystemRoot& root,
                          const FileOwnerInspector& inspect = InspectFileOwner);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PROFILES_PROFILE_SAFETY_H_
