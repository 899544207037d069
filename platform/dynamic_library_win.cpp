// DynamicLibrary on Windows: LoadLibraryExW/GetProcAddress.
//
// A Firefox's nss3.dll imports mozglue.dll from its own folder, which is not on the DLL search
// path of gcatrust.exe: loading nss3.dll alone fails (installer/docs/facts.md §5.2:
// mozglue.dll must be loaded before nss3.dll). So for a library given by path, a mozglue.dll beside
// it is loaded first, and the library itself with LOAD_WITH_ALTERED_SEARCH_PATH, which makes
// Windows look for its other imports (softokn3.dll, freebl3.dll) in its folder first
// (LoadLibraryEx docs, "Dynamic-Link Library Search Order"). Libraries are never unloaded, for
// the reason dynamic_library_posix.cpp gives (NSS's at-exit work must find its code mapped).
#include "platform/dynamic_library.h"

#include <windows.h>

#include <filesystem>

#include "platform/utf16_win.h"

namespace gcatrust {

Result<std::shared_ptr<DynamicLibrary>> DynamicLibrary::Open(const std::string& name) {
  // LoadLibraryExW wants backslashes ("do not use forward slashes", LoadLibraryEx docs).
  const std::filesystem::path path = std::filesystem::path(WideFromUtf8(name)).make_preferred();
  DWORD flags = 0;
  if (path.is_absolute()) {
    flags = LOAD_WITH_ALTERED_SEARCH_PATH;
    const std::filesystem::path mozglue = path.parent_path() / L"mozglue.dll";
    if (GetFileAttributesW(mozglue.c_str()) != INVALID_FILE_ATTRIBUTES) {
      // Kept loaded for the life of the process, like the library that needs it.
      LoadLibraryExW(mozglue.c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH);
    }
  }
  // No "cannot find the DLL" dialog box, only an error code.
  const UINT old_mode = SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
  HMODULE handle = LoadLibraryExW(path.c_str(), nullptr, flags);
  const DWORD error = GetLastError();
  SetErrorMode(old_mode);
  if (handle == nullptr) {
    return Status::Error("cannot load " + name + ": " + WindowsErrorText(error),
                         ErrorKind::kNotFound);
  }
  return std::shared_ptr<DynamicLibrary>(new DynamicLibrary(handle));
}

// Never FreeLibrary: see the top of this file.
DynamicLibrary::~DynamicLibrary() = default;

void* DynamicLibrary::Symbol(const char* name) const {
  // Unlike dlsym, GetProcAddress looks in this module only; on Windows NSPR's PR_* functions are
  // folded into nss3.dll itself (MOZ_FOLD_LIBS), so that is enough.
  return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(handle_), name));
}

}  // namespace gcatrust
