#include "installer/firefox_discovery.h"

#include <set>
#include <string>

namespace gcatrust {

namespace {

// Executable names of Firefox builds: Mozilla's tarball and Ubuntu's deb ship "firefox" and
// "firefox-bin"; Debian's firefox-esr package ships "firefox-esr" (seen in /usr/lib/firefox-esr);
// Mozilla's Windows installer "firefox.exe" (beside application.ini in the install directory).
const char* const kExecutableNames[] = {"firefox", "firefox-esr", "firefox-bin", "firefox.exe"};

class Collector {
 public:
  Collector(const FileSystem& fs, const SystemRoot& root) : fs_(fs), root_(root) {}

  void Consider(const fs::path& system_dir, InstallKind kind) {
    const fs::path host = root_.Host(system_dir);
    if (!IsFirefoxInstallation(fs_, host)) return;
    if (!seen_.insert(fs_.ResolveSymlinks(host)).second) return;
    found_.push_back({system_dir, kind});
  }

  std::vector<FirefoxInstallation> Take() { return std::move(found_); }

 private:
  const FileSystem& fs_;
  const SystemRoot& root_;
  std::set<fs::path> seen_;
  std::vector<FirefoxInstallation> found_;
};

std::vector<fs::path> SplitPath(const std::string& value) {
  std::vector<fs::path> dirs;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(':', start);
    if (end == std::string::npos) end = value.size();
    if (end > start) dirs.emplace_back(value.substr(start, end - start));
    start = end + 1;
  }
  return dirs;
}

}  // namespace

bool IsFirefoxInstallation(const FileSystem& fs, const fs::path& host_dir) {
  // macOS bundle layout (firefox-research.md §3.2: NSS and the executable in Contents/MacOS).
  if (fs.Exists(host_dir / "Contents" / "Resources" / "application.ini") &&
      fs.Exists(host_dir / "Contents" / "MacOS" / "firefox")) {
    return true;
  }
  if (!fs.Exists(host_dir / "application.ini")) return false;
  for (const char* name : kExecutableNames) {
    if (fs.Exists(host_dir / name)) return true;
  }
  return false;
}

namespace {

void Collect(Collector& collector, const FileSystem& fs,
             const std::vector<InstallCandidate>& candidates, const SystemRoot& root) {
  for (const InstallCandidate& candidate : candidates) {
    if (!candidate.scan_children) {
      collector.Consider(candidate.dir, candidate.kind);
      continue;
    }
    auto children = fs.ListDirectory(root.Host(candidate.dir));
    if (!children.ok()) continue;
    for (const std::string& child : children.value()) {
      collector.Consider(candidate.dir / child, candidate.kind);
      collector.Consider(candidate.dir / child / "firefox", candidate.kind);
    }
  }
}

}  // namespace

std::vector<FirefoxInstallation> DiscoverFirefoxAt(const FileSystem& fs,
                                                   const std::vector<InstallCandidate>& candidates,
                                                   const SystemRoot& root) {
  Collector collector(fs, root);
  Collect(collector, fs, candidates, root);
  return collector.Take();
}

std::vector<FirefoxInstallation> DiscoverFirefox(const FileSystem& fs, const Environment& env,
                                                 const SystemRoot& root) {
  Collector collector(fs, root);
  Collect(collector, fs, env.FirefoxInstallCandidates(), root);
  if (root.is_running_system()) {
    // A firefox on PATH is usually a symlink into its installation (/usr/bin/firefox-esr ->
    // ../lib/firefox-esr/firefox-esr); the installation is the folder of the resolved file.
    for (const fs::path& dir : SplitPath(env.GetVariable("PATH").value_or(""))) {
      for (const char* name : kExecutableNames) {
        const fs::path exe = dir / name;
        if (!fs.Exists(exe)) continue;
        collector.Consider(fs.ResolveSymlinks(exe).parent_path(), InstallKind::kOnPath);
      }
    }
  }
  return collector.Take();
}

const char* InstallKindName(InstallKind kind) {
  switch (kind) {
    case InstallKind::kPackage:
      return "package";
    case InstallKind::kTarball:
      return "tarball";
    case InstallKind::kSnap:
      return "snap";
    case InstallKind::kFlatpak:
      return "flatpak";
    case InstallKind::kOnPath:
      return "PATH";
  }
  return "?";
}

}  // namespace gcatrust
