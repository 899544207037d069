// The narrow file-system interface the core uses for every read and write. platform/
// implements it for the real disk (RealFileSystem); tests/support/ has an in-memory fake
// that records what was written, so dry runs and merges are checked without touching disk.
#ifndef GCATRUST_INSTALLER_FILE_SYSTEM_H_
#define GCATRUST_INSTALLER_FILE_SYSTEM_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "installer/result.h"

namespace gcatrust {

namespace fs = std::filesystem;

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// Whole file as bytes. Missing file: ErrorKind::kNotFound.
  virtual Result<std::string> ReadFile(const fs::path& path) const = 0;
  /// True if something exists at path (symlinks followed).
  virtual bool Exists(const fs::path& path) const = 0;
  virtual bool IsDirectory(const fs::path& path) const = 0;
  /// Names (not full paths) of the entries of a directory, sorted.
  virtual Result<std::vector<std::string>> ListDirectory(const fs::path& dir) const = 0;
  /// Follows symlinks to the final path; a path that does not resolve is returned as is.
  virtual fs::path ResolveSymlinks(const fs::path& path) const = 0;
  /// True if the current user may create and replace files in dir, judged on dir or, when it
  /// does not exist yet, on its nearest existing ancestor (that is where mkdir would happen).
  virtual bool IsWritableDirectory(const fs::path& dir) const = 0;

  /// Run as administrator, whether gcatrust may write at path (a file to write or remove, or a
  /// directory to create): every directory and symbolic link on the way down from trusted_root
  /// (the system's "/" or a --root image) must belong to the administrator and be writable by
  /// no one else, or a user could make the administrator's write land where the user chooses.
  /// Without administrator rights the OS keeps gcatrust to what the user may write anyway: Ok.
  virtual Status CheckAdminWritePath(const fs::path& /*trusted_root*/,
                                     const fs::path& /*path*/) const {
    return Status::Ok();
  }

  /// Removes the temporary files that a WriteFileAtomic of path killed half-way (kill -9, power
  /// cut) left in path's directory. Best effort; WriteFileAtomic of the same path does it too.
  virtual void RemoveStaleTempFiles(const fs::path& /*path*/) {}

  /// mkdir -p with mode 0755 for the directories it creates.
  virtual Status MakeDirectories(const fs::path& dir) = 0;
  /// Writes a temporary file in the same directory, flushes it, then renames it over path, so
  /// readers see the old or the new file, never half of one. An existing file keeps its mode
  /// and owner; a new one gets mode 0644. A symlink at path is written through, not replaced.
  virtual Status WriteFileAtomic(const fs::path& path, std::string_view contents) = 0;
  /// Removes a file; a missing file is not an error.
  virtual Status RemoveFile(const fs::path& path) = 0;
  /// Removes dir only if it is empty; otherwise (or if missing) does nothing.
  virtual Status RemoveEmptyDirectory(const fs::path& dir) = 0;

  /// The target of the symbolic link at path, as stored (relative or absolute); nullopt when
  /// path is no symbolic link or does not exist. Links among path's parents are followed. Lets
  /// ImageFileSystem resolve links the way the image's own system would; a file system without
  /// symbolic links keeps this default.
  virtual std::optional<fs::path> ReadSymlink(const fs::path& /*path*/) const {
    return std::nullopt;
  }
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_FILE_SYSTEM_H_
