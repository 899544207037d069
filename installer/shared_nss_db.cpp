#include "installer/shared_nss_db.h"

#include <optional>

namespace gcatrust {

namespace {

// NSS databases (installer/docs/facts.md §3.6, §3.7): Chromium opens the folder as "sql:" only
// (crypto/nss_util.cc), so only cert9.db counts.
constexpr char kCert9[] = "cert9.db";

}  // namespace

fs::path FindChromium(const FileSystem& fs, const Environment& env, const SystemRoot& root) {
  const std::optional<SharedNssDbLayout> layout = env.ChromiumSharedNssDb();
  if (!layout) return {};
  for (const fs::path& marker : layout->installed_markers) {
    if (fs.Exists(root.Host(marker))) return marker;
  }
  return {};
}

std::vector<FirefoxProfile> FindSharedNssDbs(const FileSystem& fs, const Environment& env,
                                             const SystemRoot& root,
                                             const std::vector<UserAccount>& users) {
  std::vector<FirefoxProfile> dbs;
  const std::optional<SharedNssDbLayout> layout = env.ChromiumSharedNssDb();
  if (!layout) return dbs;
  const bool installed = !FindChromium(fs, env, root).empty();
  const UserAccount me = env.CurrentUser();
  for (const UserAccount& user : users) {
    FirefoxProfile db;
    db.app = Browser::kChromium;
    db.dir = user.home / layout->db_in_home;
    db.name = "nssdb";
    db.owner = user;
    const fs::path host_dir = root.Host(db.dir);
    if (fs.Exists(host_dir / kCert9)) {
      db.db = NssDbFormat::kSql;
      dbs.push_back(std::move(db));
      continue;
    }
    if (!installed || !root.is_running_system()) continue;
    // The user running gcatrust: same account and same home (root run with HOME elsewhere
    // means that home, not /root as well). Not root itself: `sudo gcatrust install` (or a
    // package's postinst) is an administrator acting for the users, not browsing as root.
    bool used = user.uid != 0 && user.uid == me.uid && user.home == me.home;
    for (const fs::path& marker : layout->used_markers_in_home) {
      used = used || fs.IsDirectory(root.Host(user.home / marker));
    }
    if (!used) continue;
    db.create_db = true;
    dbs.push_back(std::move(db));
  }
  return dbs;
}

}  // namespace gcatrust
