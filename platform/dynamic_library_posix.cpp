// DynamicLibrary on POSIX: dlopen/dlsym.
//
// Libraries are opened with RTLD_NODELETE, so the destructor's dlclose only drops the handle and
// never unmaps the code. NSS is the reason: it registers thread-local destructors and NSPR
// at-exit work that would jump into unmapped code at process exit, and a DB still open (a
// forgotten or failed NSS_Shutdown) would be left with dangling callbacks. A process loads one
// NSS at most, so keeping it mapped costs nothing.
#include "platform/dynamic_library.h"

#include <dlfcn.h>

namespace gcatrust {

Result<std::shared_ptr<DynamicLibrary>> DynamicLibrary::Open(const std::string& name) {
  // RTLD_NOW: resolve every symbol now, so a library with a missing or too-old dependency (e.g.
  // Firefox's libnss3.so next to the system's older libnssutil3.so: "version `NSSUTIL_3.94' not
  // found", installer/docs/facts.md §5.1) fails here with dlerror's text instead of crashing later.
  // RTLD_LOCAL: its symbols stay out of the global namespace. RTLD_NODELETE: see above.
  ::dlerror();  // clear any stale error
  void* handle = ::dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (handle == nullptr) {
    const char* error = ::dlerror();
    return Status::Error("cannot load " + name + ": " + (error ? error : "unknown dlopen error"),
                         ErrorKind::kNotFound);
  }
  return std::shared_ptr<DynamicLibrary>(new DynamicLibrary(handle));
}

DynamicLibrary::~DynamicLibrary() {
  if (handle_ != nullptr) ::dlclose(handle_);  // RTLD_NODELETE: the code stays mapped
}

void* DynamicLibrary::Symbol(const char* name) const {
  // dlsym on a dlopen handle searches the library and then its dependencies in load order
  // (dlsym(3)), so PR_ErrorToName is found through libnss3's handle in libnspr4.
  return ::dlsym(handle_, name);
}

}  // namespace gcatrust
