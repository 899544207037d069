// Windows: FinalPath (final_path_win.h) with GetFinalPathNameByHandleW.
#include "platform/final_path_win.h"

#include <windows.h>

#include <string>

namespace gcatrust {

namespace fs = std::filesystem;

std::optional<fs::path> FinalPath(const fs::path& path) {
  // FILE_FLAG_BACKUP_SEMANTICS: needed to open a directory.
  HANDLE file = CreateFileW(path.c_str(), FILE_READ_ATTRIBUTES,
                            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                            OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (file == INVALID_HANDLE_VALUE) return std::nullopt;
  std::wstring buffer(MAX_PATH, L'\0');
  DWORD length = 0;
  for (;;) {
    length = GetFinalPathNameByHandleW(file, buffer.data(), static_cast<DWORD>(buffer.size()),
                                       FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    if (length == 0 || length < buffer.size()) break;
    buffer.resize(length + 1);
  }
  CloseHandle(file);
  if (length == 0) return std::nullopt;
  buffer.resize(length);
  if (buffer.rfind(L"\\\\?\\UNC\\", 0) == 0) {
    buffer = L"\\\\" + buffer.substr(8);
  } else if (buffer.rfind(L"\\\\?\\", 0) == 0) {
    buffer = buffer.substr(4);
  }
  return fs::path(buffer);
}

}  // namespace gcatrust
