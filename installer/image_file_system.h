// FileSystem for --root: the files of a system image (a mounted disk, a `dpkg -x` tree, a
// container's root) as that system sees them. Every path under the image root is resolved the
// way the kernel would inside a chroot at the root (path_resolution(7)): an absolute link target
// starts again at the image root, and ".." stops there. Without this, a link the image holds as
// "/usr/share/firefox-esr/distribution" or "/var/home/alice" would lead to this machine's files.
// The resolved path, which holds no more links, goes to the wrapped FileSystem.
#ifndef GCATRUST_INSTALLER_IMAGE_FILE_SYSTEM_H_
#define GCATRUST_INSTALLER_IMAGE_FILE_SYSTEM_H_

#include "installer/file_system.h"

namespace gcatrust {

class ImageFileSystem : public FileSystem {
 public:
  /// root: the image's "/" on this machine (absolute). inner: does the actual work.
  ImageFileSystem(FileSystem& inner, fs::path root);

  /// path (on this machine, under the root) with its links resolved inside the image.
  /// follow_last=false keeps a link in the last component (unlink and rmdir act on the link).
  /// Paths outside the root come back as they are; too many links: an error.
  Result<fs::path> Resolve(const fs::path& path, bool follow_last = true) const;

  Result<std::string> ReadFile(const fs::path& path) const override;
  bool Exists(const fs::path& path) const override;
  bool IsDirectory(const fs::path& path) const override;
  Result<std::vector<std::string>> ListDirectory(const fs::path& dir) const override;
  fs::path ResolveSymlinks(const fs::path& path) const override;
  bool IsWritableDirectory(const fs::path& dir) const override;
  /// Checked on the path as resolved inside the image, from the image root down.
  Status CheckAdminWritePath(const fs::path& trusted_root, const fs::path& path) const override;
  void RemoveStaleTempFiles(const fs::path& path) override;
  Status MakeDirectories(const fs::path& dir) override;
  Status WriteFileAtomic(const fs::path& path, std::string_view contents) override;
  Status RemoveFile(const fs::path& path) override;
  Status RemoveEmptyDirectory(const fs::path& dir) override;
  std::optional<fs::path> ReadSymlink(const fs::path& path) const override;

 private:
  /// Resolve for a change: an error for a path outside the image (nothing outside is touched).
  Result<fs::path> ResolveForChange(const fs::path& path, bool follow_last) const;

  FileSystem& inner_;
  fs::path root_;
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_IMAGE_FILE_SYSTEM_H_
