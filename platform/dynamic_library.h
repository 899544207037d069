// Loads a shared library at run time (dlopen / LoadLibraryW) and looks up symbols, so gcatrust
// uses the NSS of the Firefox it works on without linking NSS.
#ifndef GCATRUST_PLATFORM_DYNAMIC_LIBRARY_H_
#define GCATRUST_PLATFORM_DYNAMIC_LIBRARY_H_

#include <memory>
#include <string>

#include "installer/result.h"

namespace gcatrust {

class DynamicLibrary {
 public:
  /// name: a file name searched the platform's way ("libnss3.so", honouring LD_LIBRARY_PATH) or
  /// an absolute path. The error says why loading failed (dlerror()).
  static Result<std::shared_ptr<DynamicLibrary>> Open(const std::string& name);
  ~DynamicLibrary();
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;

  /// The symbol's address, or nullptr. Looks in the library and in what it depends on.
  void* Symbol(const char* name) const;

 private:
  explicit DynamicLibrary(void* handle) : handle_(handle) {}
  void* handle_;
};

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_DYNAMIC_LIBRARY_H_
