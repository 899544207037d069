// install | uninstall | status --method nss: every Firefox and Thunderbird profile of every user
// (or the current user's), each through the NSS of the installation that owns it, and each
// user's Chromium shared NSS database (~/.pki/nssdb) through the system's NSS, as the owner.
#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "installer/commands.h"
#include "installer/profiles/profile_discovery.h"
#include "installer/shared_nss_db.h"
#include "platform/file_owner.h"
#include "platform/nss_library.h"

namespace gcatrust {

namespace {

using Json = nlohmann::ordered_json;

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& i : items) joined += (joined.empty() ? "" : ", ") + i;
  return joined;
}

const char* OutcomeName(NssOutcome o) {
  switch (o) {
    case NssOutcome::kChanged:
      return "changed";
    case NssOutcome::kUnchanged:
      return "unchanged";
    case NssOutcome::kFailed:
      return "failed";
    case NssOutcome::kPrimaryPassword:
      return "primary-password";
    case NssOutcome::kNssUnavailable:
      return "nss-unavailable";
  }
  return "?";
}

const char* StateName(NssCertState s) {
  switch (s) {
    case NssCertState::kMissing:
      return "missing";
    case NssCertState::kPresent:
      return "present";
    case NssCertState::kTrusted:
      return "trusted";
  }
  return "?";
}

/// The NSS to load for a profile: the one shipped with the Firefox (Thunderbird) that last ran
/// it, else one shipped with an installation of the same app, else with any found, else the
/// system's (empty). An image's libraries are never loaded (they were built for another
/// system). Chromium's shared database always takes the system's libnss3: that is the NSS
/// Debian's chromium links (Chromium has no NSS of its own to borrow).
std::string NssDirFor(const FirefoxProfile& profile,
                      const std::vector<FirefoxInstallation>& installs, const FileSystem& fs,
                      const SystemRoot& root) {
  if (!root.is_running_system() || profile.app == Browser::kChromium) return {};
  // Firefox's own NSS no longer opens legacy dbm: databases (seen with 3.125:
  // SEC_ERROR_PKCS11_GENERAL_ERROR); the system's NSS still does.
  if (profile.db == NssDbFormat::kDbm) return {};
  auto ships_nss = [&](const fs::path& dir) {
    return fs.Exists(dir / NssLibraryFileName()) && fs.Exists(dir / NssSoftokenFileName());
  };
  if (profile.firefox_dir && ships_nss(*profile.firefox_dir))
    return profile.firefox_dir->u8string();
  for (const bool same_app : {true, false}) {
    for (const FirefoxInstallation& i : installs) {
      if ((i.app == profile.app || !same_app) && ships_nss(i.dir)) return i.dir.u8string();
    }
  }
  return {};
}

/// Owner of a profile named with --profile. As admin on the running system: the account that
/// owns the folder (so the worker writes with its rights, not root's, wherever the folder is);
/// otherwise the user whose home holds it (an image's accounts), else the user running gcatrust.
UserAccount NamedProfileOwner(const fs::path& dir, const std::vector<UserAccount>& users,
                              AppContext& ctx, const SystemRoot& root) {
  std::optional<std::uint32_t> uid;
  if (ctx.env.IsAdmin() && root.is_running_system()) {
    if (auto owner = InspectFileOwner(dir)) uid = owner->uid;
  }
  UserAccount chosen = ctx.env.CurrentUser();
  std::size_t best = 0;  // depth of the deepest home that holds dir ("/" holds everything)
  bool found = false;
  // By uid, every account counts (nobody's home does not exist, yet it may own a profile).
  const std::vector<UserAccount> candidates = uid ? ctx.env.AllUsers() : users;
  for (const UserAccount& u : candidates) {
    if (uid && u.uid != *uid) continue;
    const auto rel = dir.lexically_relative(u.home);
    const bool holds = !u.home.relative_path().empty() && !rel.empty() && *rel.begin() != "..";
    const std::size_t depth = holds ? std::distance(u.home.begin(), u.home.end()) : 0;
    if (!found || depth > best) {
      if (!uid && !holds) continue;
      chosen = u;
      best = depth;
      found = true;
    }
  }
  if (uid && !found) chosen = {"uid " + std::to_string(*uid), *uid, *uid, dir};
  return chosen;
}

/// The profiles named with --profile that exist.
std::vector<FirefoxProfile> NamedProfiles(const std::vector<fs::path>& dirs,
                                          const std::vector<UserAccount>& users, AppContext& ctx,
                                          const SystemRoot& root) {
  std::vector<FirefoxProfile> profiles;
  for (const fs::path& dir : dirs) {
    if (!ctx.fs.IsDirectory(root.Host(dir))) continue;
    FirefoxProfile p = InspectProfile(ctx.fs, root, dir, NamedProfileOwner(dir, users, ctx, root));
    // A Thunderbird profile names Thunderbird as the installation that last ran it.
    if (p.firefox_dir) p.app = InstalledApp(ctx.fs, root.Host(*p.firefox_dir)).value_or(p.app);
    profiles.push_back(std::move(p));
  }
  return profiles;
}

struct Task {
  NssJob job;
  std::optional<UserAccount> as_user;
  std::vector<std::size_t> profile_indexes;
  std::vector<NssDatabaseResult> results;
};

/// Runs the tasks on up to `parallel` threads; each task is one worker process.
void RunTasks(std::vector<Task>& tasks, NssRunner& runner, unsigned parallel) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < tasks.size(); i = next++) {
      tasks[i].results = runner.Run(tasks[i].job, tasks[i].as_user);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<std::size_t>(parallel, tasks.size()); ++t)
    threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
}

/// The account a worker started by root runs as: the profiles' owner, so what NSS writes (a
/// key4.db it creates, say) stays theirs. An image's owner is an account of the image's passwd:
/// the worker takes its numeric uid and gid only (this machine's group database does not know
/// it), and only where that account can reach every profile of the task through the image's
/// mount point; else root does the work, and a file NSS creates is root's.
std::optional<UserAccount> WorkerAccount(const UserAccount& owner,
                                         const std::vector<fs::path>& host_dirs,
                                         const Environment& env, const SystemRoot& root) {
  if (root.is_running_system()) return owner;
  for (const fs::path& dir : host_dirs) {
    if (!env.AccountCanReach(dir, owner.uid, owner.gid)) return std::nullopt;
  }
  return UserAccount{"", owner.uid, owner.gid, owner.home};
}

/// Groups the profiles into worker tasks, up to `parallel` per (NSS library, owner): the profiles
/// of one Firefox share its workers. Profiles refused by the safety check get a reason.
std::vector<Task> PlanTasks(const std::vector<FirefoxProfile>& profiles, NssOperation op,
                            const std::vector<NssCert>& certs,
                            const std::vector<FirefoxInstallation>& installs, AppContext& ctx,
                            const SystemRoot& root, unsigned parallel,
                            std::vector<std::string>& refusals) {
  std::map<std::pair<std::string, std::uint32_t>, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const FirefoxProfile& p = profiles[i];
    if (p.db == NssDbFormat::kNone && !(p.create_db && op == NssOperation::kInstall)) continue;
    if (Status safe = CheckProfileIsSafe(ctx.fs, p, root); !safe.ok()) {
      refusals[i] = safe.message();
      continue;
    }
    groups[{NssDirFor(p, installs, ctx.fs, root), p.owner.uid}].push_back(i);
  }
  const std::uint32_t my_uid = ctx.env.CurrentUser().uid;
  std::vector<Task> tasks;
  for (const auto& [key, indexes] : groups) {
    const std::size_t chunks = std::min<std::size_t>(parallel, indexes.size());
    const UserAccount& owner = profiles[indexes.front()].owner;
    for (std::size_t c = 0; c < chunks; ++c) {
      Task task;
      task.job = {op, key.first, {}, {}, certs};
      std::vector<fs::path> host_dirs;
      for (std::size_t k = c; k < indexes.size(); k += chunks) {
        const FirefoxProfile& p = profiles[indexes[k]];
        task.profile_indexes.push_back(indexes[k]);
        // An image's profile: the folder its links lead to inside the image (ctx.fs is an
        // ImageFileSystem), as the NSS worker opens it with this machine's path resolution.
        const fs::path host_dir =
            root.is_running_system() ? root.Host(p.dir) : ctx.fs.ResolveSymlinks(root.Host(p.dir));
        if (p.db == NssDbFormat::kNone) {
          // Created the way Chromium creates it (crypto/nss_util.cc): the folder, mode 0700,
          // by the worker running as the owner, then an "sql:" database with an empty password
          // (the worker's first write initialises it, PK11_InitPin with "").
          task.job.create_dirs.push_back(host_dir.u8string());
          task.job.databases.push_back(NssDatabaseSpec(NssDbFormat::kSql, host_dir));
        } else {
          task.job.databases.push_back(NssDatabaseSpec(p.db, host_dir));
        }
        host_dirs.push_back(host_dir);
      }
      if (ctx.env.IsAdmin() && owner.uid != my_uid) {
        task.as_user = WorkerAccount(owner, host_dirs, ctx.env, root);
      }
      tasks.push_back(std::move(task));
    }
  }
  return tasks;
}

/// Turns each profile's result into its line(s) and JSON item.
class ProfileReporter {
 public:
  ProfileReporter(const Options& o, std::size_t cert_count, AppContext& ctx, Lang lang,
                  const SystemRoot& root, MethodReport& report)
      : o_(o), cert_count_(cert_count), ctx_(ctx), lang_(lang), root_(root), report_(report) {}

  void NoDatabase(const FirefoxProfile& p) {  // nothing to do, nothing failed: not counted
    if (p.create_db) {
      const bool would = o_.command == Command::kInstall;
      Line(Say(lang_, would ? msg::kSharedDbWouldCreate : msg::kSharedDbMissing,
               {p.dir.u8string(), p.owner.name}));
      report_.items.push_back(Item(p, would ? "would-create" : "no-database"));
      return;
    }
    Line(p.app == Browser::kChromium
             ? Say(lang_, msg::kSharedDbMissing, {p.dir.u8string(), p.owner.name})
             : Say(lang_, msg::kProfileNoDatabase, {Shown(p)}));
    report_.items.push_back(Item(p, "no-database"));
  }

  void Refused(const FirefoxProfile& p, const std::string& why) {
    report_.tally.Add(Status::Error(why));
    Line(Say(lang_, msg::kProfileFailed, {Shown(p), why}), /*problem=*/true);
    Json j = Item(p, "refused");
    j["error"] = why;
    report_.items.push_back(j);
  }

  void Done(const FirefoxProfile& p, const NssDatabaseResult& r) {
    const std::string dir = Shown(p);
    std::vector<std::string> trusted, present, missing;
    Json states = Json::object();
    for (const auto& [id, state] : r.certs) {
      (state == NssCertState::kTrusted   ? trusted
       : state == NssCertState::kPresent ? present
                                         : missing)
          .push_back(id);
      states[id] = StateName(state);
    }
    Json j = Item(p, OutcomeName(r.outcome));
    j["certificates"] = states;
    if (!r.error.empty()) j["error"] = r.error;
    if (!r.nss_used.empty()) j["nss"] = r.nss_used;
    if (p.create_db) j["created"] = r.outcome == NssOutcome::kChanged;
    const bool in_use = ctx_.env.IsProfileInUse(root_.Host(p.dir));
    j["firefox_running"] = in_use;

    const bool failed = r.outcome == NssOutcome::kFailed ||
                        r.outcome == NssOutcome::kPrimaryPassword ||
                        r.outcome == NssOutcome::kNssUnavailable;
    report_.tally.Add(failed ? Status::Error(r.error) : Status::Ok());
    const bool install = o_.command == Command::kInstall;
    const bool changed = r.outcome == NssOutcome::kChanged;
    if (r.outcome == NssOutcome::kPrimaryPassword) {
      Line(Say(lang_, msg::kProfilePrimaryPassword, {dir}), true);
    } else if (failed) {
      Line(Say(lang_, msg::kProfileFailed, {dir, r.error}), true);
    } else if (o_.command == Command::kStatus) {
      Line(Say(lang_, msg::kProfileStatus, {dir, Join(trusted), Join(present), Join(missing)}));
    } else if (o_.dry_run) {
      // What a real run would change: install trusts what is not trusted yet; uninstall removes
      // every copy, trusted or not.
      std::vector<std::string> todo = install ? missing : trusted;
      todo.insert(todo.end(), present.begin(), present.end());
      j["result"] = todo.empty() ? "unchanged" : "would-change";
      j["would_change"] = todo;
      Line(todo.empty()
               ? Say(lang_, install ? msg::kProfileAlreadyTrusted : msg::kProfileNothingToRemove,
                     {dir, p.owner.name})
               : Say(lang_, install ? msg::kProfileWouldImport : msg::kProfileWouldRemove,
                     {dir, Join(todo)}));
    } else if (install) {
      Line(changed
               ? Say(lang_, msg::kProfileImported,
                     {std::to_string(cert_count_), dir, p.owner.name, BrowserDisplayName(p.app)})
               : Say(lang_, msg::kProfileAlreadyTrusted, {dir, p.owner.name}));
    } else {
      Line(changed
               ? Say(lang_, msg::kProfileRemoved, {dir, p.owner.name, BrowserDisplayName(p.app)})
               : Say(lang_, msg::kProfileNothingToRemove, {dir, p.owner.name}));
    }
    if (in_use && !failed) {
      Line(Say(lang_, msg::kProfileInUse, {BrowserDisplayName(p.app), BrowserDisplayName(p.app)}));
    }
    // The runner names the library it fell back to, with why the first one failed
    // (worker_nss_runner.cpp): a snap's NSS may not load on the host.
    if (r.nss_used.find(" failed: ") != std::string::npos || r.nss_used == "certutil") {
      Line(Say(lang_, msg::kProfileNssFallback, {r.nss_used}));
    }
    report_.items.push_back(j);
  }

 private:
  Json Item(const FirefoxProfile& p, const char* result) const {
    return {{"profile", p.dir.u8string()},
            {"app", BrowserName(p.app)},
            {"user", p.owner.name},
            {"result", result}};
  }
  /// The folder as text lines show it: a Thunderbird profile or Chromium's database says so.
  static std::string Shown(const FirefoxProfile& p) {
    std::string dir = p.dir.u8string();  // not const: returned by move
    if (p.app == Browser::kFirefox) return dir;
    return dir + " [" + BrowserDisplayName(p.app) + "]";
  }
  void Line(const std::string& text, bool problem = false) {
    if (!o_.json) (problem ? ctx_.err : ctx_.out) << text << "\n";
  }

  const Options& o_;
  std::size_t cert_count_;
  AppContext& ctx_;
  Lang lang_;
  const SystemRoot& root_;
  MethodReport& report_;
};

}  // namespace

MethodReport RunNssMethod(const Options& o, const std::vector<Certificate>& certs,
                          const std::vector<FirefoxInstallation>& installs, AppContext& ctx,
                          Lang lang) {
  MethodReport report;
  const SystemRoot root(o.root);
  const std::vector<UserAccount> users = UsersToScan(ctx.fs, ctx.env, root);
  std::vector<FirefoxProfile> profiles =
      o.profile_dirs.empty() ? DiscoverProfiles(ctx.fs, ctx.env, root, users, o.browsers)
                             : NamedProfiles(o.profile_dirs, users, ctx, root);
  if (o.profile_dirs.empty() && BrowserSelected(o.browsers, Browser::kChromium)) {
    for (FirefoxProfile& db : FindSharedNssDbs(ctx.fs, ctx.env, root, users)) {
      profiles.push_back(std::move(db));
    }
  }
  report.found = !profiles.empty();

  // A dry run only reads (status) and reports what would change.
  const NssOperation op = o.dry_run                          ? NssOperation::kStatus
                          : o.command == Command::kInstall   ? NssOperation::kInstall
                          : o.command == Command::kUninstall ? NssOperation::kUninstall
                                                             : NssOperation::kStatus;
  std::vector<NssCert> nss_certs;
  for (const Certificate& c : certs) nss_certs.push_back({c.id, NssNickname(c.name, c.id), c.der});

  // Workers mostly wait for the disk (each certificate is ~12 fsyncs in its own SQLite
  // transactions, installer/docs/facts.md §4.7), so more workers than CPUs pay off: on a slow disk,
  // 40 profiles took 139-177 ms each with 2 workers and 74-103 ms with 4 (ci/benchmark-nss.sh).
  const unsigned parallel = std::max(4u, 2 * std::thread::hardware_concurrency());
  std::vector<std::string> refusals(profiles.size());
  std::vector<Task> tasks =
      PlanTasks(profiles, op, nss_certs, installs, ctx, root, parallel, refusals);
  RunTasks(tasks, ctx.nss, parallel);

  std::vector<const NssDatabaseResult*> result_of(profiles.size(), nullptr);
  for (const Task& t : tasks) {
    for (std::size_t k = 0; k < t.profile_indexes.size() && k < t.results.size(); ++k) {
      result_of[t.profile_indexes[k]] = &t.results[k];
    }
  }
  ProfileReporter reporter(o, certs.size(), ctx, lang, root, report);
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    if (profiles[i].db == NssDbFormat::kNone && !result_of[i]) {
      reporter.NoDatabase(profiles[i]);
    } else if (!refusals[i].empty()) {
      reporter.Refused(profiles[i], refusals[i]);
    } else if (result_of[i]) {
      reporter.Done(profiles[i], *result_of[i]);
    }
  }
  return report;
}

}  // namespace gcatrust
