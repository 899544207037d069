// Who owns a path on this machine and whether it is itself a symlink: what the profile safety
// check needs beyond FileSystem (file_owner_<os>.cpp, chosen by CMake).
#ifndef GCATRUST_PLATFORM_FILE_OWNER_H_
#define GCATRUST_PLATFORM_FILE_OWNER_H_

#include <cstdint>
#include <filesystem>
#include <optional>

namespace gcatrust {

struct FileOwner {
  bool is_symlink = false;  ///< the last component is a symlink (lstat)
  /// Owner of what the path leads to (stat, links followed); nullopt for a dangling symlink.
  std::optional<std::uint32_t> uid;
};

/// nullopt when nothing, not even a dangling symlink, is at path.
std::optional<FileOwner> InspectFileOwner(const std::filesystem::path& path);

/// The account whose rights this process writes with (geteuid).
std::uint32_t EffectiveUid();

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_FILE_OWNER_H_
