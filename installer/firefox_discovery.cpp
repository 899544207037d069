#include "installer/firefox_discovery.h"

#include <set>
#include <string>

namespace gcatrust {

namespace {

// Executable names of Firefox builds: Mozilla's tarball and Ubuntu's deb ship "firefox" and
// "firefox-bin"; Debian's firefox-esr package ships "firefox-esr" (seen in /usr/lib/firefox-esr);
// every Windows build (release, ESR, Developer Edition, Nightly) ships "firefox.exe".
const std::vector<std::string> kFirefoxExecutables = {"firefox", "firefox-esr", "firefox-bin",
                                                      "firefox.exe"};
// Thunderbird: Debian's /usr/lib/thunderbird has thunderbird -> thunderbird-bin (seen, 153.7);
// Mozilla's tarball has both names too.
const std::vector<std::string> kThunderbirdExecutables = {"thunderbird", "thunderbird-bin"};

const std::vector<std::string>& ExecutableNames(Browser app) {
  return app == Browser::kThunderbird ? kThunderbirdExecutables : kFirefoxExecutables;
}

// The folder name a tarball unpacks to, looked for inside each /opt/<name> too.
const char* TarballFolder(Browser app) {
  return app == Browser::kThunderbird ? "thunderbird" : "firefox";
}

std::vector<InstallCandidate> CandidatesOf(Browser app, const Environment& env) {
  return app == Browser::kThunderbird ? env.ThunderbirdInstallCandidates()
                                      : env.FirefoxInstallCandidates();
}

// PATH separates folders with ';' on Windows (where ':' follows drive letters), ':' elsewhere.
constexpr char kPathListSeparator = fs::path::preferred_separator == '\\' ? ';' : ':';

class Collector {
 public:
  Collector(const FileSystem& fs, const SystemRoot& root, Browser app)
      : fs_(fs), root_(root), app_(app) {}

  void Consider(const fs::path& system_dir, InstallKind kind) {
    const fs::path host = root_.Host(system_dir);
    if (!IsInstallationOf(app_, fs_, host)) return;
    if (!seen_.insert(fs_.ResolveSymlinks(host)).second) return;
    found_.push_back({system_dir, kind, app_});
  }

  std::vector<FirefoxInstallation> Take() { return std::move(found_); }

 private:
  const FileSystem& fs_;
  const SystemRoot& root_;
  Browser app_;
  std::set<fs::path> seen_;
  std::vector<FirefoxInstallation> found_;
};

std::vector<fs::path> SplitPath(const std::string& value) {
  std::vector<fs::path> dirs;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(kPathListSeparator, start);
    if (end == std::string::npos) end = value.size();
    if (end > start) dirs.push_back(fs::u8path(value.substr(start, end - start)));
    start = end + 1;
  }
  return dirs;
}

}  // namespace

bool IsInstallationOf(Browser app, const FileSystem& fs, const fs::path& host_dir) {
  if (app == Browser::kChromium) return false;
  // macOS bundle layout (installer/docs/facts.md §3.3: NSS and the executable in Contents/MacOS).
  if (app == Browser::kFirefox &&
      fs.Exists(host_dir / "Contents" / "Resources" / "application.ini") &&
      fs.Exists(host_dir / "Contents" / "MacOS" / "firefox")) {
    return true;
  }
  if (!fs.Exists(host_dir / "application.ini")) return false;
  for (const std::string& name : ExecutableNames(app)) {
    if (fs.Exists(host_dir / name)) return true;
  }
  return false;
}

bool IsFirefoxInstallation(const FileSystem& fs, const fs::path& host_dir) {
  return IsInstallationOf(Browser::kFirefox, fs, host_dir);
}

std::optional<Browser> InstalledApp(const FileSystem& fs, const fs::path& host_dir) {
  for (Browser app : {Browser::kFirefox, Browser::kThunderbird}) {
    if (IsInstallationOf(app, fs, host_dir)) return app;
  }
  return std::nullopt;
}

namespace {

void Collect(Collector& collector, Browser app, const FileSystem& fs,
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
      collector.Consider(candidate.dir / child / TarballFolder(app), candidate.kind);
    }
  }
}

std::vector<FirefoxInstallation> DiscoverApp(Browser app, const FileSystem& fs,
                                             const Environment& env, const SystemRoot& root) {
  Collector collector(fs, root, app);
  Collect(collector, app, fs, CandidatesOf(app, env), root);
  if (root.is_running_system()) {
    // A firefox on PATH is usually a symlink into its installation (/usr/bin/firefox-esr ->
    // ../lib/firefox-esr/firefox-esr); the installation is the folder of the resolved file.
    for (const fs::path& dir : SplitPath(env.GetVariable("PATH").value_or(""))) {
      for (const std::string& name : ExecutableNames(app)) {
        const fs::path exe = dir / name;
        if (!fs.Exists(exe)) continue;
        collector.Consider(fs.ResolveSymlinks(exe).parent_path(), InstallKind::kOnPath);
      }
    }
  }
  return collector.Take();
}

}  // namespace

std::vector<FirefoxInstallation> DiscoverFirefoxAt(const FileSystem& fs,
                                                   const std::vector<InstallCandidate>& candidates,
                                                   const SystemRoot& root) {
  Collector collector(fs, root, Browser::kFirefox);
  Collect(collector, Browser::kFirefox, fs, candidates, root);
  return collector.Take();
}

std::vector<FirefoxInstallation> DiscoverFirefox(const FileSystem& fs, const Environment& env,
                                                 const SystemRoot& root) {
  return DiscoverApp(Browser::kFirefox, fs, env, root);
}

std::vector<FirefoxInstallation> DiscoverInstallations(const FileSystem& fs, const Environment& env,
                                                       const SystemRoot& root,
                                                       const std::vector<Browser>& selected) {
  std::vector<FirefoxInstallation> all;
  for (Browser app : {Browser::kFirefox, Browser::kThunderbird}) {
    if (!BrowserSelected(selected, app)) continue;
    for (FirefoxInstallation& i : DiscoverApp(app, fs, env, root)) all.push_back(std::move(i));
  }
  return all;
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
