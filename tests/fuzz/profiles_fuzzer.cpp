// Fuzz target: what profile discovery reads from disk (installer/profiles/): profiles.ini and
// installs.ini (IniFile, then DiscoverProfiles on an in-memory home), compatibility.ini, and
// an image's /etc/passwd. The input is those four texts separated by NUL bytes, in that order,
// so a real profiles.ini is a seed as it is. Properties: no crash or hang; sections are
// unique; each profile is reported once, exists, and is listed or holds an NSS database;
// passwd accounts written back as passwd lines parse to the same accounts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "installer/profiles/ini_file.h"
#include "installer/profiles/passwd_file.h"
#include "installer/profiles/profile_discovery.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/support/fake_environment.h"
#include "tests/support/fake_file_system.h"

namespace {

using gcatrust::fs::path;

std::vector<std::string> SplitAtNul(std::string_view text, std::size_t parts) {
  std::vector<std::string> out;
  while (out.size() + 1 < parts) {
    const std::size_t nul = text.find('\0');
    if (nul == std::string_view::npos) break;
    out.emplace_back(text.substr(0, nul));
    text.remove_prefix(nul + 1);
  }
  out.emplace_back(text);
  out.resize(parts);
  return out;
}

void CheckIni(const std::string& text) {
  const gcatrust::IniFile ini = gcatrust::IniFile::Parse(text);
  std::set<std::string> seen;
  for (const std::string& section : ini.sections()) {
    FUZZ_CHECK(seen.insert(section).second);
    FUZZ_CHECK(!section.empty());
    FUZZ_CHECK(section.find_first_of("\r\n]") == std::string::npos);
  }
}

void CheckDiscovery(const std::string& profiles_ini, const std::string& installs_ini,
                    const std::string& compatibility_ini) {
  gcatrust::FakeFileSystem fs;
  gcatrust::FakeEnvironment env;
  const path root = "/home/user/.mozilla/firefox";
  fs.AddFile(root / "profiles.ini", profiles_ini);
  fs.AddFile(root / "installs.ini", installs_ini);
  // Folders that a Path= or Default= may name (relative, absolute, Windows layout), with and
  // without a database, and a link to one of them.
  fs.AddFile(root / "abcd1234.default-esr/cert9.db", "db");
  fs.AddFile(root / "abcd1234.default-esr/compatibility.ini", compatibility_ini);
  fs.AddFile(root / "Profiles/efgh5678.default/cert8.db", "db");
  fs.AddDirectory(root / "never.started");
  fs.AddFile("/data/work/cert9.db", "db");
  fs.AddSymlink(root / "linked", "/data/work");

  const std::vector<gcatrust::FirefoxProfile> profiles =
      gcatrust::DiscoverProfiles(fs, env, gcatrust::SystemRoot(), {env.current_user});
  std::set<path> seen;
  for (const gcatrust::FirefoxProfile& p : profiles) {
    FUZZ_CHECK(fs.IsDirectory(p.dir));
    FUZZ_CHECK(seen.insert(fs.ResolveSymlinks(p.dir).lexically_normal()).second);
    FUZZ_CHECK(p.listed_in_profiles_ini || p.db != gcatrust::NssDbFormat::kNone);
    FUZZ_CHECK(!p.is_default || p.listed_in_profiles_ini);
    FUZZ_CHECK(!p.name.empty() || !p.dir.has_relative_path());  // "Path=/" has no name
    FUZZ_CHECK(p.owner.name == "user");
  }
}

void CheckPasswd(const std::string& text) {
  auto users = gcatrust::ParsePasswdFile(text);
  if (!users.ok()) {
    FUZZ_CHECK(users.message().rfind("/etc/passwd line ", 0) == 0);
    return;
  }
  std::string written;
  for (const gcatrust::UserAccount& u : users.value()) {
    written += u.name + ":x:" + std::to_string(u.uid) + ":" + std::to_string(u.gid) +
               "::" + u.home.u8string() + ":/bin/sh\n";
  }
  auto again = gcatrust::ParsePasswdFile(written);
  FUZZ_CHECK(again.ok() && again.value().size() == users.value().size());
  for (std::size_t i = 0; i < users.value().size(); ++i) {
    const gcatrust::UserAccount& a = users.value()[i];
    const gcatrust::UserAccount& b = again.value()[i];
    FUZZ_CHECK(a.name == b.name && a.uid == b.uid && a.gid == b.gid && a.home == b.home);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> parts =
      SplitAtNul(std::string_view(reinterpret_cast<const char*>(data), size), 4);
  for (const std::string& part : parts) CheckIni(part);
  CheckDiscovery(parts[0], parts[1], parts[2]);
  CheckPasswd(parts[3]);
  return 0;
}
