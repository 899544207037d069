// FileSystem on the real disk (POSIX implementation in real_file_system_posix.cpp).
#ifndef GCATRUST_PLATFORM_REAL_FILE_SYSTEM_H_
#define GCATRUST_PLATFORM_REAL_FILE_SYSTEM_H_

#include "installer/file_system.h"

namespace gcatrust {

class RealFileSystem : public FileSystem {
 public:
  Result<std::string> ReadFile(const fs::path& path) const override;
  bool Exists(const fs::path& path) const override;
  bool IsDirectory(const fs::path& path) const override;
  Result<std::vector<std::string>> ListDirectory(const fs::path& dir) const override;
  fs::path ResolveSymlinks(const fs::path& path) const override;
  bool IsWritableDirectory(const fs::path& dir) const override;
  Status CheckAdminWritePath(const fs::path& trusted_root, const fs::path& path) const override;
  Status MakeDirectories(const fs::path& dir) override;
  Status WriteFileAtomic(const fs::path& path, std::string_view contents) override;
  Status RemoveFile(const fs::path& path) override;
  void RemoveStaleTempFiles(const fs::path& path) override;
  Status RemoveEmptyDirectory(const fs::path& dir) override;
  std::optional<fs::path> ReadSymlink(const fs::path& path) const override;
};

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_REAL_FILE_SYSTEM_H_
