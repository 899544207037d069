// Windows: reading the registry (values and subkey names) in one view, 64- or 32-bit.
#ifndef GCATRUST_PLATFORM_REGISTRY_WIN_H_
#define GCATRUST_PLATFORM_REGISTRY_WIN_H_

#include <windows.h>

#include <optional>
#include <string>
#include <vector>

namespace gcatrust {

/// A REG_SZ or REG_EXPAND_SZ value (the latter with %VARIABLES% expanded). view: KEY_WOW64_64KEY
/// or KEY_WOW64_32KEY (the WOW6432Node side, where 32-bit programs write).
std::optional<std::wstring> ReadRegistryString(HKEY root, const std::wstring& subkey,
                                               const std::wstring& value, REGSAM view);
/// Names of the direct subkeys of subkey; empty when it does not exist.
std::vector<std::wstring> RegistrySubkeys(HKEY root, const std::wstring& subkey, REGSAM view);

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_REGISTRY_WIN_H_
