// Maps paths as the target system sees them ("/etc/firefox/...", written into policies.json)
// to where they are on this machine: the same path, or under --root for a mounted image.
#ifndef GCATRUST_INSTALLER_SYSTEM_ROOT_H_
#define GCATRUST_INSTALLER_SYSTEM_ROOT_H_

#include <filesystem>

namespace gcatrust {

class SystemRoot {
 public:
  SystemRoot() = default;  ///< the running system
  explicit SystemRoot(std::filesystem::path image_root) : root_(std::move(image_root)) {}

  bool is_running_system() const { return root_.empty(); }
  const std::filesystem::path& image_root() const { return root_; }

  /// Where an absolute system path is on this machine.
  std::filesystem::path Host(const std::filesystem::path& system_path) const {
    return root_.empty() ? system_path : root_ / system_path.relative_path();
  }

 private:
  std::filesystem::path root_;
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_SYSTEM_ROOT_H_
