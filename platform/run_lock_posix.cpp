// The run lock on POSIX: flock(2) on a lock file. flock locks belong to the open file and go
// away with the process (kill -9, crash), unlike a PID file that a crash leaves behind.
#include "installer/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace gcatrust {
namespace {

// /run is root's (0755, FHS 3.0 section 3.15), so only root can create a file there, and a
// 0600 file cannot even be opened by a user: no user can hold it to stall root's runs. Not
// /run/lock: it is world-writable (1777), where a user could create the file first.
constexpr const char* kAdminLockFile = "/run/gcatrust.lock";

class FlockHeld : public HeldRunLock {
 public:
  explicit FlockHeld(int fd) : fd_(fd) {}
  ~FlockHeld() override {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }

 private:
  int fd_;
};

std::string Describe(const std::string& path, const std::string& what, int error) {
  return path + ": " + what + ": " + std::strerror(error);
}

}  // namespace

Result<std::unique_ptr<HeldRunLock>> AcquireRunLock(
    bool admin, std::chrono::seconds timeout,
    const std::function<void(const std::string& lock_name)>& on_wait) {
  std::string path;
  if (admin) {
    path = kAdminLockFile;
  } else if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime == '/') {
    // The user's own 0700 runtime directory (XDG Base Directory Specification).
    path = std::string(runtime) + "/gcatrust.lock";
  } else {
    // Without one, a user's run only touches what the user may write (their profiles, whose
    // NSS databases lock themselves); there is no safe shared place to put a lock file.
    return std::unique_ptr<HeldRunLock>(std::make_unique<HeldRunLock>());
  }
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    // No /run (a bare chroot) or a read-only one: nothing else can run there either in any
    // usual set-up; going on beats refusing to work at all.
    if (errno == ENOENT || errno == EROFS) {
      return std::unique_ptr<HeldRunLock>(std::make_unique<HeldRunLock>());
    }
    return Status::Error(Describe(path, "cannot open", errno));
  }
  auto held = std::make_unique<FlockHeld>(fd);
  struct stat st;
  if (::fstat(fd, &st) != 0) return Status::Error(Describe(path, "cannot inspect", errno));
  if (!S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) {
    return Status::Error(path + ": not a regular file of this user; remove it");
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool told = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return Status::Error(Describe(path, "cannot lock", errno));
    if (!told) {
      on_wait(path);
      told = true;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Status::Error(path + ": still held by another gcatrust after " +
                           std::to_string(timeout.count()) + " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::unique_ptr<HeldRunLock>(std::move(held));
}

}  // namespace gcatrust
