// The run lock on Windows: a named mutex. A mutex whose owner dies (killed, crashed) is
// "abandoned" and handed to the next waiter (WAIT_ABANDONED), so a crash never blocks later runs.
#include "installer/run_lock.h"

#include <windows.h>

#include <string>

namespace gcatrust {
namespace {

// Global\ is one namespace for every session (Terminal Services, "Kernel object namespaces");
// creating an object there takes SeCreateGlobalPrivilege, which administrators have and users
// do not, and the admin token's default DACL keeps users from opening it: no user can hold it.
// A user's run gets a per-session Local\ mutex (it only touches that user's files).
constexpr const wchar_t* kAdminMutex = L"Global\\gcatrust-run";
constexpr const wchar_t* kUserMutex = L"Local\\gcatrust-run";

class MutexHeld : public HeldRunLock {
 public:
  explicit MutexHeld(HANDLE mutex) : mutex_(mutex) {}
  ~MutexHeld() override {
    ::ReleaseMutex(mutex_);
    ::CloseHandle(mutex_);
  }

 private:
  HANDLE mutex_;
};

std::string Narrow(const wchar_t* text) {
  std::string out;
  for (; *text != L'\0'; ++text) out += static_cast<char>(*text);  // the names are ASCII
  return out;
}

}  // namespace

Result<std::unique_ptr<HeldRunLock>> AcquireRunLock(
    bool admin, std::chrono::seconds timeout,
    const std::function<void(const std::string& lock_name)>& on_wait) {
  const wchar_t* name = admin ? kAdminMutex : kUserMutex;
  HANDLE mutex = ::CreateMutexW(nullptr, FALSE, name);
  if (mutex == nullptr) {
    return Status::Error(Narrow(name) + ": cannot create the mutex (error " +
                         std::to_string(::GetLastError()) + ")");
  }
  DWORD wait = ::WaitForSingleObject(mutex, 0);
  if (wait == WAIT_TIMEOUT) {
    on_wait(Narrow(name));
    wait = ::WaitForSingleObject(mutex, static_cast<DWORD>(timeout.count() * 1000));
  }
  if (wait == WAIT_OBJECT_0 || wait == WAIT_ABANDONED) {
    return std::unique_ptr<HeldRunLock>(std::make_unique<MutexHeld>(mutex));
  }
  ::CloseHandle(mutex);
  if (wait == WAIT_TIMEOUT) {
    return Status::Error(Narrow(name) + ": still held by another gcatrust after " +
                         std::to_string(timeout.count()) + " s");
  }
  return Status::Error(Narrow(name) + ": cannot wait for the mutex (error " +
                       std::to_string(::GetLastError()) + ")");
}

}  // namespace gcatrust
