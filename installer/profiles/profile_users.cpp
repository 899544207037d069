#include "installer/profiles/profile_users.h"

#include <set>

#include "installer/profiles/passwd_file.h"

namespace gcatrust {
namespace {

std::vector<UserAccount> Candidates(const FileSystem& fs, const Environment& env,
                                    const SystemRoot& root) {
  if (!root.is_running_system()) {
    // The image's own account database (passwd(5)); getpwent would read the host's.
    Result<std::string> text = fs.ReadFile(root.Host("/etc/passwd"));
    if (!text.ok()) return {};
    Result<std::vector<UserAccount>> users = ParsePasswdFile(text.value());
    return users.ok() ? std::move(users).value() : std::vector<UserAccount>{};
  }
  if (env.IsAdmin()) {
    std::vector<UserAccount> users = env.AllUsers();
    users.push_back(env.CurrentUser());
    return users;
  }
  return {env.CurrentUser()};
}

}  // namespace

std::vector<UserAccount> UsersToScan(const FileSystem& fs, const Environment& env,
                                     const SystemRoot& root) {
  std::vector<UserAccount> users;
  std::set<fs::path> homes;
  for (UserAccount& user : Candidates(fs, env, root)) {
    if (user.home.empty() || !user.home.is_absolute()) continue;
    const fs::path host_home = root.Host(user.home);
    if (!fs.IsDirectory(host_home)) continue;
    if (!homes.insert(fs.ResolveSymlinks(host_home).lexically_normal()).second) continue;
    users.push_back(std::move(user));
  }
  return users;
}

}  // namespace gcatrust
