// The real SystemEnvironment's user and profile-lock answers, and discovery of a profile made by
// the real firefox-esr (skipped where it is not installed).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "installer/profiles/profile_discovery.h"
#include "installer/profiles/profile_users.h"
#include "platform/real_file_system.h"
#include "platform/system_environment.h"

namespace gcatrust {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "gcatrust-profiles-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Sets an environment variable for the scope of a test.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const std::string& value) : name_(name) {
    if (const char* old = ::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedVariable() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

template <typename Predicate>
bool WaitFor(Predicate done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

TEST(SystemEnvironmentProfilesTest, ProfileRootsAreTheLinuxOnes) {
  std::vector<fs::path> roots = SystemEnvironment().ProfileRootsInHome();
  EXPECT_EQ(roots, (std::vector<fs::path>{".mozilla/firefox", ".config/mozilla/firefox",
                                          "snap/firefox/common/.mozilla/firefox",
                                          ".var/app/org.mozilla.firefox/.mozilla/firefox"}));
  for (const fs::path& root : roots) EXPECT_TRUE(root.is_relative()) << root;
}

TEST(SystemEnvironmentProfilesTest, CurrentUserHonoursAbsoluteHome) {
  SystemEnvironment env;
  {
    ScopedVariable home("HOME", "/tmp/王小明 home");
    UserAccount user = env.CurrentUser();
    EXPECT_EQ(user.uid, ::geteuid());
    EXPECT_EQ(user.gid, ::getegid());
    EXPECT_FALSE(user.name.empty());
    EXPECT_EQ(user.home, fs::path("/tmp/王小明 home"));
  }
  {
    ScopedVariable home("HOME", "relative/home");  // not a home: the password database's
    EXPECT_TRUE(env.CurrentUser().home.is_absolute());
  }
}

TEST(SystemEnvironmentProfilesTest, AllUsersHasRootAndIsAdminMatchesTheUid) {
  SystemEnvironment env;
  std::vector<UserAccount> users = env.AllUsers();
  bool has_root = false;
  for (const UserAccount& user : users) {
    has_root = has_root || (user.uid == 0 && user.name == "root");
  }
  EXPECT_TRUE(has_root);
  EXPECT_EQ(env.IsAdmin(), ::geteuid() == 0);
}

TEST(SystemEnvironmentProfilesTest, PlainFolderIsNotInUse) {
  TempDir dir;
  SystemEnvironment env;
  EXPECT_FALSE(env.IsProfileInUse(dir.path()));
  std::ofstream(dir.path() / ".parentlock").put('\0');
  EXPECT_FALSE(env.IsProfileInUse(dir.path()));
  EXPECT_FALSE(env.IsProfileInUse(dir.path() / "missing"));
}

TEST(SystemEnvironmentProfilesTest, FcntlLockOfAnotherProcessMeansInUse) {
  TempDir dir;
  SystemEnvironment env;
  int ready[2];
  int release[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(release), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    ::close(release[1]);  // else the read below never sees the parent's end close
    // What nsProfileLock::LockWithFcntl does: a write lock over the whole .parentlock.
    const int fd = ::open((dir.path() / ".parentlock").c_str(), O_WRONLY | O_CREAT, 0644);
    struct flock lock = {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    const char ok = (fd >= 0 && ::fcntl(fd, F_SETLK, &lock) == 0) ? '1' : '0';
    (void)!::write(ready[1], &ok, 1);
    char byte;
    (void)!::read(release[0], &byte, 1);  // until the parent closes its end
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(release[0]);
  char ok = '0';
  ASSERT_EQ(::read(ready[0], &ok, 1), 1);
  ASSERT_EQ(ok, '1');

  EXPECT_TRUE(env.IsProfileInUse(dir.path()));

  ::close(release[1]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ::close(ready[0]);
  EXPECT_FALSE(env.IsProfileInUse(dir.path()));  // the lock died with its process
}

TEST(SystemEnvironmentProfilesTest, SymlinkLockCountsOnlyWhenCurrentAndAlive) {
  TempDir dir;
  SystemEnvironment env;
  const fs::path lock = dir.path() / "lock";
  // nsProfileLock::LockWithSymlink writes "<IP>:<pid>"; "+<pid>" marks it obsolete.
  fs::create_symlink("127.0.0.1:" + std::to_string(::getpid()), lock);
  EXPECT_TRUE(env.IsProfileInUse(dir.path()));

  fs::remove(lock);
  fs::create_symlink("127.0.0.1:+" + std::to_string(::getpid()), lock);
  EXPECT_FALSE(env.IsProfileInUse(dir.path()));

  // A process that has ended: a stale lock after a crash.
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(0);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  fs::remove(lock);
  fs::create_symlink("127.0.0.1:" + std::to_string(child), lock);
  EXPECT_FALSE(env.IsProfileInUse(dir.path()));

  fs::remove(lock);
  fs::create_symlink("garbage", lock);
  EXPECT_FALSE(env.IsProfileInUse(dir.path()));
}

// Starts firefox-esr headless on a profile in its own process group; kills the group on exit.
class HeadlessFirefox {
 public:
  HeadlessFirefox(const fs::path& home, const fs::path& profile) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setpgid(0, 0);
      ::setenv("HOME", home.c_str(), 1);
      ::unsetenv("DISPLAY");
      ::unsetenv("WAYLAND_DISPLAY");
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execlp("firefox-esr", "firefox-esr", "--headless", "-no-remote", "-profile",
               profile.c_str(), "about:blank", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    if (pid_ > 0) ::setpgid(pid_, pid_);
  }
  ~HeadlessFirefox() { Kill(); }
  bool started() const { return pid_ > 0; }
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);  // like a crash: Firefox leaves its lock symlink behind
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

TEST(SystemEnvironmentProfilesTest, RealFirefoxProfileIsLockedThenDiscovered) {
  if (!fs::exists("/usr/lib/firefox-esr/firefox-esr")) GTEST_SKIP() << "firefox-esr not installed";
  TempDir home;
  const fs::path root = home.path() / ".mozilla/firefox";
  const fs::path profile = root / "t3st.default-esr";
  fs::create_directories(profile);
  std::ofstream(root / "profiles.ini")
      << "[Profile0]\nName=default-esr\nIsRelative=1\nPath=t3st.default-esr\nDefault=1\n";

  SystemEnvironment env;
  {
    HeadlessFirefox firefox(home.path(), profile);
    ASSERT_TRUE(firefox.started());
    ASSERT_TRUE(WaitFor([&] { return env.IsProfileInUse(profile); }, std::chrono::seconds(60)))
        << "firefox-esr never locked the profile";
    // Firefox writes compatibility.ini and creates cert9.db during startup.
    ASSERT_TRUE(WaitFor(
        [&] {
          return fs::exists(profile / "cert9.db") && fs::exists(profile / "compatibility.ini");
        },
        std::chrono::seconds(60)));
    EXPECT_TRUE(env.IsProfileInUse(profile));
    firefox.Kill();
  }
  EXPECT_TRUE(fs::is_symlink(profile / "lock"));  // the stale lock of the killed Firefox...
  EXPECT_FALSE(env.IsProfileInUse(profile));      // ...does not count

  ScopedVariable home_variable("HOME", home.path().string());
  RealFileSystem real_fs;
  const SystemRoot system;
  std::vector<UserAccount> users = {env.CurrentUser()};
  ASSERT_EQ(users[0].home, home.path());
  std::vector<FirefoxProfile> profiles = DiscoverProfiles(real_fs, env, system, users);
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].dir, profile);
  EXPECT_EQ(profiles[0].name, "default-esr");
  EXPECT_EQ(profiles[0].db, NssDbFormat::kSql);
  EXPECT_EQ(profiles[0].firefox_dir, fs::path("/usr/lib/firefox-esr"));
  EXPECT_TRUE(profiles[0].is_default);
  EXPECT_EQ(profiles[0].owner.uid, ::geteuid());
}

}  // namespace
}  // namespace gcatrust
