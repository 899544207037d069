// One gcatrust at a time changes this computer: two installs (or an install and an uninstall)
// started together would each read policies.json, merge, and write, and the last rename would
// silently drop the other's change. The lock is the operating system's (flock on POSIX, a named
// mutex on Windows), so a run that is killed or loses power releases it with its process.
// Interface here, implementations in platform/run_lock_{posix,win}.cpp.
#ifndef GCATRUST_INSTALLER_RUN_LOCK_H_
#define GCATRUST_INSTALLER_RUN_LOCK_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "installer/result.h"

namespace gcatrust {

/// Held until destroyed.
class HeldRunLock {
 public:
  virtual ~HeldRunLock() = default;
};

/// Waits until no other gcatrust run holds the lock (calling on_wait once, with the lock's name,
/// if it has to wait), then holds it. admin: the machine-wide lock only administrators can take
/// (POSIX: /run/gcatrust.lock, mode 0600 in root's /run, so no user can hold it to block root's
/// runs); otherwise a per-user lock. Fails after timeout, or if the lock cannot be made.
Result<std::unique_ptr<HeldRunLock>> AcquireRunLock(
    bool admin, std::chrono::seconds timeout,
    const std::function<void(const std::string& lock_name)>& on_wait);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_RUN_LOCK_H_
