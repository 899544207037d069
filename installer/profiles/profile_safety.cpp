#include "installer/profiles/profile_safety.h"

#include <algorithm>
#include <string>

namespace gcatrust {
namespace {

// Files NSS opens for writing in a profile: the databases (installer/docs/facts.md §3.6), the
// module lists of both formats, and the rollback journals and write-ahead logs SQLite creates
// beside cert9.db/key4.db (sqlite.org/tempfiles.html), which it opens following links.
constexpr const char* kGuardedFiles[] = {
    "cert9.db",   "key4.db",          "cert8.db",        "key3.db",      "secmod.db",
    "pkcs11.txt", "cert9.db-journal", "key4.db-journal", "cert9.db-wal", "key4.db-wal",
};

bool IsInside(const fs::path& path, const fs::path& dir) {
  auto [d, p] = std::mismatch(dir.begin(), dir.end(), path.begin(), path.end());
  return d == dir.end();
}

// A profile in a --root image. fs resolves the image's links inside the image, but NSS opens
// the files with this machine's resolution: the profile folder is handed to it resolved (see
// nss_method.cpp), so what is left to refuse is a link among NSS's own files, which NSS would
// follow out of the image, a file someone else owns (a hard link), and a folder that leads out
// of its owner's home in the image.
Status CheckImageProfile(const FileSystem& fs, const FirefoxProfile& profile,
                         const SystemRoot& root, const FileOwnerInspector& inspect) {
  const fs::path home = fs.ResolveSymlinks(root.Host(profile.owner.home)).lexically_normal();
  const fs::path dir = fs.ResolveSymlinks(root.Host(profile.dir)).lexically_normal();
  if (!IsInside(dir, home)) {
    return Status::Error(root.Host(profile.dir).u8string() + " leads to " + dir.u8string() +
                         ", outside the home " + home.u8string() + " of user " +
                         profile.owner.name + " in the image; refusing to write there");
  }
  for (const char* file : kGuardedFiles) {
    const std::optional<FileOwner> owner = inspect(dir / file);
    if (owner && owner->is_symlink) {
      return Status::Error((dir / file).u8string() +
                           " is a symbolic link in an image's profile; NSS would follow it on "
                           "this machine, not in the image: refusing to write to it");
    }
    if (owner && owner->uid && *owner->uid != profile.owner.uid) {  // e.g. a hard link
      return Status::Error((dir / file).u8string() + " is owned by uid " +
                           std::to_string(*owner->uid) + ", not by user " + profile.owner.name +
                           " of the image; refusing to write to it");
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckProfileIsSafe(const FileSystem& fs, const FirefoxProfile& profile,
                          const SystemRoot& root, const FileOwnerInspector& inspect,
                          std::uint32_t acting_uid) {
  if (root.is_running_system() && acting_uid == profile.owner.uid) return Status::Ok();
  if (!root.is_running_system()) return CheckImageProfile(fs, profile, root, inspect);

  const fs::path host_home = root.Host(profile.owner.home).lexically_normal();
  const fs::path home = fs.ResolveSymlinks(host_home).lexically_normal();
  const fs::path host_dir = root.Host(profile.dir).lexically_normal();
  const std::string who =
      "user " + profile.owner.name + " (uid " + std::to_string(profile.owner.uid) + ")";

  auto check = [&](const fs::path& host_path) -> Status {
    const std::string shown = host_path.u8string();
    const std::optional<FileOwner> owner = inspect(host_path);
    if (!owner && !fs.Exists(host_path)) return Status::Ok();  // NSS would create it here
    if (owner && owner->is_symlink && !owner->uid) {
      return Status::Error(shown + " is a symlink to a missing file; refusing to let it " +
                           "create a file elsewhere on behalf of " + who);
    }
    const fs::path resolved = fs.ResolveSymlinks(host_path).lexically_normal();
    const bool linked = IsInside(host_path, host_home) || (owner && owner->is_symlink);
    if (linked && !IsInside(resolved, home)) {
      return Status::Error(shown + " leads to " + resolved.u8string() + ", outside the home " +
                           home.u8string() + " of " + who + "; refusing to write there");
    }
    if (owner && owner->uid && *owner->uid != profile.owner.uid) {
      return Status::Error(shown + " is owned by uid " + std::to_string(*owner->uid) + ", not by " +
                           who + "; refusing to write to it");
    }
    return Status::Ok();
  };

  if (Status status = check(host_dir); !status.ok()) return status;
  for (const char* file : kGuardedFiles) {
    if (Status status = check(host_dir / file); !status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace gcatrust
