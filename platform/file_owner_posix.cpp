// POSIX: lstat for the link itself, stat for the owner of what a write would reach.
#include "platform/file_owner.h"

#include <sys/stat.h>
#include <unistd.h>

namespace gcatrust {

std::optional<FileOwner> InspectFileOwner(const std::filesystem::path& path) {
  struct stat link_info;
  if (::lstat(path.c_str(), &link_info) != 0) return std::nullopt;
  FileOwner owner;
  owner.is_symlink = S_ISLNK(link_info.st_mode);
  if (!owner.is_symlink) {
    owner.uid = link_info.st_uid;
    return owner;
  }
  struct stat target_info;
  if (::stat(path.c_str(), &target_info) == 0) owner.uid = target_info.st_uid;
  return owner;
}

std::uint32_t EffectiveUid() { return ::geteuid(); }

}  // namespace gcatrust
