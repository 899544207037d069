// Refuses profiles that could trick a privileged gcatrust into writing outside the profile
// owner's home: as root, following a user's cert9.db -> /etc/shadow symlink (or a hard link
// to a root file) would let that user overwrite any file.
#ifndef GCATRUST_INSTALLER_PROFILES_PROFILE_SAFETY_H_
#define GCATRUST_INSTALLER_PROFILES_PROFILE_SAFETY_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

#include "installer/file_system.h"
#include "installer/profiles/firefox_profile.h"
#include "installer/result.h"
#include "installer/system_root.h"
#include "platform/file_owner.h"

namespace gcatrust {

/// Answers InspectFileOwner's question for a host path; tests pass their own.
using FileOwnerInspector =
    std::function<std::optional<FileOwner>(const std::filesystem::path& host_path)>;

/// Checks a profile before gcatrust writes to it with rights its owner may lack: always for an
/// image (--root: absolute symlinks there resolve on the host), and on the running system
/// unless acting_uid is the owner's (then the owner's own rights apply: nothing to misuse, and
/// a user's ~/.mozilla linked to another disk must keep working). Fails, saying which path and
/// why, when the profile folder or a file NSS writes in it (cert9.db, key4.db, cert8.db,
/// key3.db, secmod.db, pkcs11.txt, SQLite journals):
///  - sits in the owner's home but resolves (through a symlink, also of a parent folder)
///    outside it, or is itself a symlink leading outside the home,
///  - is a symlink to nothing (writing would create its target), or
///  - is not owned by profile.owner.uid (a root folder named in profiles.ini, a hard link to a
///    root-owned file).
/// Files that do not exist pass: NSS creates them inside the checked folder. Where inspect
/// knows nothing of a path (a fake file system in tests), only the symlink checks through fs
/// apply. This is a check before the work, not a guarantee during it (the files can change
/// after it): the NSS worker also runs as the profile owner (installer/nss/nss_job.h).
Status CheckProfileIsSafe(const FileSystem& fs, const FirefoxProfile& profile,
                          const SystemRoot& root,
                          const FileOwnerInspector& inspect = InspectFileOwner,
                          std::uint32_t acting_uid = EffectiveUid());

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PROFILES_PROFILE_SAFETY_H_
