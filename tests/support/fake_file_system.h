// In-memory FileSystem for unit tests of the core (after ninja's VirtualFileSystem): files,
// directories and symlinks in maps, read-only directories on request, and a record of every
// change so a test can assert that a dry run or a refused target touched nothing.
#ifndef GCATRUST_TESTS_SUPPORT_FAKE_FILE_SYSTEM_H_
#define GCATRUST_TESTS_SUPPORT_FAKE_FILE_SYSTEM_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "installer/file_system.h"

namespace gcatrust {

class FakeFileSystem : public FileSystem {
 public:
  /// Creates a file (and its parent directories) without recording it as a change.
  void AddFile(const fs::path& path, std::string contents);
  void AddDirectory(const fs::path& dir);
  /// path -> target (absolute); followed by reads, writes and ResolveSymlinks. ReadSymlink
  /// returns the target as given (so a test can store a relative one for ImageFileSystem).
  void AddSymlink(const fs::path& path, const fs::path& target);
  /// Writes into dir (or below it) fail with ErrorKind::kNeedsAdmin.
  void MakeReadOnly(const fs::path& dir);

  bool HasFile(const fs::path& path) const { return files_.count(Resolve(path)) > 0; }
  const std::string& Contents(const fs::path& path) const { return files_.at(Resolve(path)); }
  /// Every file path currently held (resolved), for "nothing else changed" assertions.
  std::map<fs::path, std::string> Snapshot() const { return files_; }

  Result<std::string> ReadFile(const fs::path& path) const override;
  bool Exists(const fs::path& path) const override;
  bool IsDirectory(const fs::path& path) const override;
  Result<std::vector<std::string>> ListDirectory(const fs::path& dir) const override;
  fs::path ResolveSymlinks(const fs::path& path) const override;
  bool IsWritableDirectory(const fs::path& dir) const override;
  Status MakeDirectories(const fs::path& dir) override;
  Status WriteFileAtomic(const fs::path& path, std::string_view contents) override;
  Status RemoveFile(const fs::path& path) override;
  Status RemoveEmptyDirectory(const fs::path& dir) override;
  std::optional<fs::path> ReadSymlink(const fs::path& path) const override;

  std::vector<fs::path> files_written;
  std::vector<fs::path> files_removed;
  std::vector<fs::path> dirs_made;
  std::vector<fs::path> dirs_removed;

  /// Number of changes recorded.
  std::size_t ChangeCount() const {
    return files_written.size() + files_removed.size() + dirs_made.size() + dirs_removed.size();
  }

 private:
  fs::path Resolve(const fs::path& path) const;
  bool IsReadOnly(const fs::path& path) const;

  std::map<fs::path, std::string> files_;
  std::set<fs::path> dirs_{"/"};
  std::map<fs::path, fs::path> links_;
  std::set<fs::path> read_only_;
};

}  // namespace gcatrust

#endif  // GCATRUST_TESTS_SUPPORT_FAKE_FILE_SYSTEM_H_
