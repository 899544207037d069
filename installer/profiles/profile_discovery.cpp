#include "installer/profiles/profile_discovery.h"

#include <map>
#include <optional>
#include <string>

#include "installer/profiles/ini_file.h"

namespace gcatrust {
namespace {

// Profile-root file names (toolkit/profile/nsToolkitProfileService.cpp; installer/docs/facts.md
// §3.4): profiles.ini lists profiles, installs.ini mirrors its [Install*] sections (FF67+).
constexpr char kProfilesIni[] = "profiles.ini";
constexpr char kInstallsIni[] = "installs.ini";
// NSS databases (installer/docs/facts.md §3.6): SQLite since Firefox 58, Berkeley DB before.
constexpr char kCert9[] = "cert9.db";
constexpr char kCert8[] = "cert8.db";
// compatibility.ini [Compatibility] LastPlatformDir: the GRE folder of the Firefox that
// last opened the profile (toolkit/xre/nsAppRunner.cpp WriteVersion).
constexpr char kCompatibilityIni[] = "compatibility.ini";
// Windows and macOS keep profiles in <root>/Profiles/<id> (installer/docs/facts.md §3.4).
constexpr char kProfilesSubdir[] = "Profiles";

struct Candidate {
  fs::path dir;  // system path
  std::string name;
  bool listed = false;
  bool is_default = false;
};

std::optional<IniFile> ReadIni(const FileSystem& fs, const fs::path& host_path) {
  Result<std::string> text = fs.ReadFile(host_path);
  if (!text.ok()) return std::nullopt;
  return IniFile::Parse(text.value());
}

bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// A path as profiles.ini stores it: relative ones use '/' on every OS (nsIFile
// SetRelativeDescriptor), which std::filesystem also accepts on Windows.
// A trailing separator ("Path=/data/work/", as a hand edit may leave) is dropped: the folder is
// the same as without it, and must compare equal to it (each folder is reported once).
fs::path ProfilePath(const fs::path& root_dir, const std::string& path, bool relative) {
  const fs::path p = fs::u8path(path);
  fs::path normal = (relative ? root_dir / p : p).lexically_normal();
  if (!normal.has_filename() && normal.has_relative_path()) normal = normal.parent_path();
  return normal;
}

void AddListed(const FileSystem& fs, const SystemRoot& root, const fs::path& root_dir,
               std::vector<Candidate>& out) {
  if (std::optional<IniFile> ini = ReadIni(fs, root.Host(root_dir / kProfilesIni))) {
    for (const std::string& section : ini->sections()) {
      if (!StartsWith(section, "Profile")) continue;
      std::optional<std::string> path = ini->Get(section, "Path");
      if (!path || path->empty()) continue;
      // nsToolkitProfileService: IsRelative=1 means relative; without the key, judge the path.
      std::optional<std::string> is_relative = ini->Get(section, "IsRelative");
      const bool relative = is_relative ? *is_relative == "1" : !fs::u8path(*path).is_absolute();
      Candidate candidate{ProfilePath(root_dir, *path, relative), "", true,
                          ini->Get(section, "Default") == "1"};
      candidate.name = ini->Get(section, "Name").value_or("");
      out.push_back(std::move(candidate));
    }
  }
  // [Install<hash>] Default= names the dedicated profile of each installation, relative to
  // the root when inside it (nsToolkitProfileService::Flush writes a relative descriptor).
  for (const char* file : {kProfilesIni, kInstallsIni}) {
    std::optional<IniFile> ini = ReadIni(fs, root.Host(root_dir / file));
    if (!ini) continue;
    for (const std::string& section : ini->sections()) {
      if (!StartsWith(section, "Install")) continue;
      std::optional<std::string> path = ini->Get(section, "Default");
      if (!path || path->empty()) continue;
      out.push_back(
          {ProfilePath(root_dir, *path, !fs::u8path(*path).is_absolute()), "", true, true});
    }
  }
}

bool HasNssDatabase(const FileSystem& fs, const fs::path& host_dir) {
  return fs.Exists(host_dir / kCert9) || fs.Exists(host_dir / kCert8);
}

void AddUnlisted(const FileSystem& fs, const SystemRoot& root, const fs::path& root_dir,
                 std::vector<Candidate>& out) {
  for (const fs::path& parent : {root_dir, root_dir / kProfilesSubdir}) {
    Result<std::vector<std::string>> names = fs.ListDirectory(root.Host(parent));
    if (!names.ok()) continue;
    for (const std::string& name : names.value()) {
      const fs::path dir = parent / fs::u8path(name);
      if (fs.IsDirectory(root.Host(dir)) && HasNssDatabase(fs, root.Host(dir))) {
        out.push_back({dir, "", false, false});
      }
    }
  }
}

std::optional<fs::path> LastPlatformDir(const FileSystem& fs, const fs::path& host_dir) {
  std::optional<IniFile> ini = ReadIni(fs, host_dir / kCompatibilityIni);
  if (!ini) return std::nullopt;
  std::optional<std::string> dir = ini->Get("Compatibility", "LastPlatformDir");
  if (!dir || dir->empty()) return std::nullopt;
  return fs::u8path(*dir);
}

}  // namespace

std::vector<fs::path> ProfileRootsOf(const Environment& env, const SystemRoot& root,
                                     const UserAccount& user, Browser app) {
  std::optional<fs::path> xdg_config_home;
  if (root.is_running_system() && !env.IsAdmin() && user.uid == env.CurrentUser().uid) {
    // XDG Base Directory spec: a relative $XDG_CONFIG_HOME is invalid and must be ignored.
    std::optional<std::string> value = env.GetVariable("XDG_CONFIG_HOME");
    if (value && fs::u8path(*value).is_absolute()) xdg_config_home = fs::u8path(*value);
  }
  std::vector<fs::path> roots;
  const std::vector<fs::path> in_home =
      app == Browser::kThunderbird ? env.ThunderbirdProfileRootsInHome() : env.ProfileRootsInHome();
  for (const fs::path& relative : in_home) {
    roots.push_back(user.home / relative);
    // ~/.config is $XDG_CONFIG_HOME's default, so a root there also lives under the variable.
    if (xdg_config_home && !relative.empty() && *relative.begin() == ".config") {
      roots.push_back(*xdg_config_home / relative.lexically_relative(".config"));
    }
  }
  return roots;
}

FirefoxProfile InspectProfile(const FileSystem& fs, const SystemRoot& root, const fs::path& dir,
                              const UserAccount& owner) {
  const fs::path host_dir = root.Host(dir);
  FirefoxProfile profile;
  profile.dir = dir;
  profile.name = dir.filename().u8string();
  profile.db = fs.Exists(host_dir / kCert9)   ? NssDbFormat::kSql
               : fs.Exists(host_dir / kCert8) ? NssDbFormat::kDbm
                                              : NssDbFormat::kNone;
  profile.firefox_dir = LastPlatformDir(fs, host_dir);
  profile.owner = owner;
  return profile;
}

std::vector<FirefoxProfile> DiscoverProfiles(const FileSystem& fs, const Environment& env,
                                             const SystemRoot& root,
                                             const std::vector<UserAccount>& users,
                                             const std::vector<Browser>& apps) {
  std::vector<FirefoxProfile> profiles;
  std::map<fs::path, size_t> index_by_resolved_dir;
  std::vector<std::pair<UserAccount, Browser>> scans;
  for (const UserAccount& user : users) {
    for (Browser app : {Browser::kFirefox, Browser::kThunderbird}) {
      if (BrowserSelected(apps, app)) scans.emplace_back(user, app);
    }
  }
  for (const auto& [user, app] : scans) {
    for (const fs::path& root_dir : ProfileRootsOf(env, root, user, app)) {
      if (!fs.IsDirectory(root.Host(root_dir))) continue;
      std::vector<Candidate> candidates;
      AddListed(fs, root, root_dir, candidates);
      AddUnlisted(fs, root, root_dir, candidates);

      for (Candidate& candidate : candidates) {
        const fs::path host_dir = root.Host(candidate.dir);
        if (!fs.IsDirectory(host_dir)) continue;
        const fs::path key = fs.ResolveSymlinks(host_dir).lexically_normal();
        auto [it, inserted] = index_by_resolved_dir.emplace(key, profiles.size());
        if (!inserted) {
          // Seen already (an [Install*] Default= of a listed profile, or a linked root).
          FirefoxProfile& known = profiles[it->second];
          known.is_default = known.is_default || candidate.is_default;
          known.listed_in_profiles_ini = known.listed_in_profiles_ini || candidate.listed;
          if (known.name.empty()) known.name = candidate.name;
          continue;
        }
        FirefoxProfile profile = InspectProfile(fs, root, candidate.dir, user);
        profile.app = app;
        profile.name = candidate.name;
        profile.listed_in_profiles_ini = candidate.listed;
        profile.is_default = candidate.is_default;
        profiles.push_back(std::move(profile));
      }
    }
  }
  for (FirefoxProfile& profile : profiles) {
    if (profile.name.empty()) profile.name = profile.dir.filename().u8string();
  }
  return profiles;
}

}  // namespace gcatrust
