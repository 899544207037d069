// Windows: accounts are SIDs, not numbers, and gcatrust never switches to another account there
// (an elevated administrator writes with its own rights; files created inside a profile folder
// inherit that folder's ACL). So every path is "owned" by account 0 and EffectiveUid() is 0: the
// core's "is the profile owner someone else?" questions are always answered "no". The symlink
// half matters: a reparse point (symlink or junction) at a profile path is reported as a link.
#include "platform/file_owner.h"

#include <windows.h>

namespace gcatrust {

std::optional<FileOwner> InspectFileOwner(const std::filesystem::path& path) {
  const DWORD attributes = GetFileAttributesW(path.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES) return std::nullopt;
  FileOwner owner;
  owner.is_symlink = (attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
  if (!owner.is_symlink) {
    owner.uid = 0;
    return owner;
  }
  // What the link leads to: GetFileAttributesW on a dangling link still succeeds, so open it.
  HANDLE target = CreateFileW(path.c_str(), FILE_READ_ATTRIBUTES,
                              FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                              OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (target != INVALID_HANDLE_VALUE) {
    owner.uid = 0;
    CloseHandle(target);
  }
  return owner;
}

std::uint32_t EffectiveUid() { return 0; }

}  // namespace gcatrust
