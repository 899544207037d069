// RealFileSystem on Windows, with the wide-character Win32 API throughout (fs::path is UTF-16 on
// Windows, so C:\Users\王小明 needs no conversion here). The atomic replace writes a temporary
// file in the target's folder, flushes it (FlushFileBuffers), and swaps it in with ReplaceFileW,
// which keeps the replaced file's ACL and attributes (the Windows counterpart of keeping mode and
// owner); a new file is moved into place with MoveFileExW(MOVEFILE_WRITE_THROUGH).
#include "platform/real_file_system.h"

#include <aclapi.h>
#include <windows.h>

#include <algorithm>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "platform/admin_acl_win.h"
#include "platform/final_path_win.h"
#include "platform/utf16_win.h"

namespace gcatrust {
namespace {

std::string Quote(const fs::path& path) { return "\"" + path.u8string() + "\""; }

// Access denied and write-protected media are what an administrator (or another location)
// fixes; everything else is a plain failure.
ErrorKind KindFromError(DWORD error) {
  switch (error) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
      return ErrorKind::kNotFound;
    case ERROR_ACCESS_DENIED:
    case ERROR_WRITE_PROTECT:
    case ERROR_PRIVILEGE_NOT_HELD:
      return ErrorKind::kNeedsAdmin;
    default:
      return ErrorKind::kFailed;
  }
}

Status WindowsError(const std::string& what, const fs::path& path, DWORD error) {
  std::string message = what + " " + Quote(path) + ": " + WindowsErrorText(error);
  if (KindFromError(error) == ErrorKind::kNeedsAdmin) {
    message += " (administrator rights are needed)";
  }
  return Status::Error(std::move(message), KindFromError(error));
}

class FileHandle {
 public:
  explicit FileHandle(HANDLE handle) : handle_(handle) {}
  ~FileHandle() { Close(); }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  bool valid() const { return handle_ != INVALID_HANDLE_VALUE; }
  HANDLE get() const { return handle_; }
  bool Close() {
    bool ok = true;
    if (valid()) ok = CloseHandle(handle_) != 0;
    handle_ = INVALID_HANDLE_VALUE;
    return ok;
  }

 private:
  HANDLE handle_;
};

DWORD Attributes(const fs::path& path) { return GetFileAttributesW(path.c_str()); }

// Removes the temporary file unless Release() was called (after a successful replace).
class TempFileGuard {
 public:
  explicit TempFileGuard(fs::path path) : path_(std::move(path)) {}
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard() {
    if (!path_.empty()) DeleteFileW(path_.c_str());
  }
  void Release() { path_.clear(); }

 private:
  fs::path path_;
};

// A name no other writer uses: the process id and a counter, retried if taken.
fs::path TempPathFor(const fs::path& target, int attempt) {
  static LONG counter = 0;
  const LONG n = InterlockedIncrement(&counter);
  return target.parent_path() / (L"." + target.filename().wstring() + L".gcatrust-" +
                                 std::to_wstring(GetCurrentProcessId()) + L"-" +
                                 std::to_wstring(n) + L"-" + std::to_wstring(attempt));
}

}  // namespace

Result<std::string> RealFileSystem::ReadFile(const fs::path& path) const {
  FileHandle file(CreateFileW(path.c_str(), GENERIC_READ,
                              FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!file.valid()) return WindowsError("cannot read", path, GetLastError());
  std::string contents;
  char buffer[64 * 1024];
  for (;;) {
    DWORD got = 0;
    if (!::ReadFile(file.get(), buffer, sizeof buffer, &got, nullptr)) {
      return WindowsError("cannot read", path, GetLastError());
    }
    if (got == 0) break;
    contents.append(buffer, got);
  }
  return contents;
}

bool RealFileSystem::Exists(const fs::path& path) const {
  const DWORD attributes = Attributes(path);
  if (attributes == INVALID_FILE_ATTRIBUTES) return false;
  // A link counts only if what it leads to exists (like stat on POSIX).
  return (attributes & FILE_ATTRIBUTE_REPARSE_POINT) == 0 || FinalPath(path).has_value();
}

bool RealFileSystem::IsDirectory(const fs::path& path) const {
  const DWORD attributes = Attributes(path);
  return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0 &&
         Exists(path);
}

Result<std::vector<std::string>> RealFileSystem::ListDirectory(const fs::path& dir) const {
  WIN32_FIND_DATAW entry;
  HANDLE find = FindFirstFileExW((dir / L"*").c_str(), FindExInfoBasic, &entry,
                                 FindExSearchNameMatch, nullptr, 0);
  if (find == INVALID_HANDLE_VALUE) return WindowsError("cannot list", dir, GetLastError());
  std::vector<std::string> names;
  do {
    const std::wstring name = entry.cFileName;
    if (name != L"." && name != L"..") names.push_back(Utf8FromWide(name));
  } while (FindNextFileW(find, &entry));
  const DWORD error = GetLastError();
  FindClose(find);
  if (error != ERROR_NO_MORE_FILES) return WindowsError("cannot list", dir, error);
  std::sort(names.begin(), names.end());
  return names;
}

fs::path RealFileSystem::ResolveSymlinks(const fs::path& path) const {
  // Like weakly_canonical: the longest existing prefix resolved, the rest appended, so a
  // policies.json not written yet still maps to its real folder.
  fs::path existing = path;
  fs::path rest;
  while (Attributes(existing) == INVALID_FILE_ATTRIBUTES) {
    if (!existing.has_relative_path()) return path;
    rest = rest.empty() ? existing.filename() : existing.filename() / rest;
    existing = existing.parent_path();
  }
  std::optional<fs::path> final_path = FinalPath(existing);
  if (!final_path) return path;
  return rest.empty() ? *final_path : (*final_path / rest).lexically_normal();
}

bool RealFileSystem::IsWritableDirectory(const fs::path& dir) const {
  // The nearest existing ancestor is where CreateDirectoryW would happen.
  fs::path current = dir;
  DWORD attributes;
  while ((attributes = Attributes(current)) == INVALID_FILE_ATTRIBUTES) {
    const DWORD error = GetLastError();
    if (error != ERROR_FILE_NOT_FOUND && error != ERROR_PATH_NOT_FOUND) return false;
    if (!current.has_relative_path()) return false;
    current = current.parent_path();
  }
  if ((attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) return false;
  // A read-only volume (a mounted image, a locked USB stick) refuses writes whatever the ACL says.
  DWORD flags = 0;
  const fs::path volume = current.root_path();
  if (!volume.empty() &&
      GetVolumeInformationW(volume.c_str(), nullptr, 0, nullptr, nullptr, &flags, nullptr, 0) &&
      (flags & FILE_READ_ONLY_VOLUME) != 0) {
    return false;
  }
  // The folder's ACL against this process's token (AccessCheck wants an impersonation token):
  // may it add files? That is what Program Files refuses to a non-elevated administrator.
  DWORD needed = 0;
  const SECURITY_INFORMATION what =
      OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION;
  GetFileSecurityW(current.c_str(), what, nullptr, 0, &needed);
  if (needed == 0) return false;
  std::vector<BYTE> descriptor(needed);
  if (!GetFileSecurityW(current.c_str(), what, descriptor.data(), needed, &needed)) return false;
  HANDLE process_token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_DUPLICATE, &process_token)) {
    return false;
  }
  HANDLE token = nullptr;
  const bool duplicated = DuplicateToken(process_token, SecurityImpersonation, &token) != 0;
  CloseHandle(process_token);
  if (!duplicated) return false;
  GENERIC_MAPPING mapping{FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE,
                          FILE_ALL_ACCESS};
  DWORD wanted = FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY;
  MapGenericMask(&wanted, &mapping);
  PRIVILEGE_SET privileges;
  DWORD privileges_size = sizeof privileges;
  DWORD granted = 0;
  BOOL allowed = FALSE;
  const bool checked = AccessCheck(descriptor.data(), token, wanted, &mapping, &privileges,
                                   &privileges_size, &granted, &allowed) != 0;
  CloseHandle(token);
  return checked && allowed;
}

Status RealFileSystem::MakeDirectories(const fs::path& dir) {
  // New folders inherit their parent's ACL, which is what Windows users expect (no mode bits).
  // Elevated, a folder made inside one that only the administrators control (admin_acl_win.h:
  // C:\ProgramData, Program Files, a folder gcatrust made) gets the admin-only ACL from the
  // moment it exists, and the files made in it inherit that; in a user's own folder (export to
  // the Desktop) it still inherits. Where others may add entries (C:\ProgramData), a folder that
  // is there already may have been made by someone else since the plan was checked: it must be
  // the administrators' only.
  const bool elevated = ProcessIsElevated();
  AdminOnlySecurity admin_only;
  if (elevated && !admin_only.valid()) {
    return WindowsError("cannot build the administrators-only permissions for", dir,
                        GetLastError());
  }
  FolderControl parent;  // of the folder the next name is made in (elevated only)
  if (elevated && dir.has_root_path()) {
    Result<FolderControl> root = InspectFolder(dir.root_path());
    if (!root.ok()) return root.status();
    parent = root.value();
  }
  fs::path current;
  for (const fs::path& part : dir) {
    current /= part;
    if (!current.has_relative_path()) continue;  // "C:\" itself
    SECURITY_ATTRIBUTES* security = parent.admins_only ? admin_only.attributes() : nullptr;
    if (CreateDirectoryW(current.c_str(), security)) {
      parent.others_may_add = false;  // made with admin_only, or inherited from a user's folder
      continue;
    }
    const DWORD error = GetLastError();
    const DWORD attributes = Attributes(current);
    if (attributes != INVALID_FILE_ATTRIBUTES) {
      if ((attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) {
        return Status::Error("cannot create directory " + Quote(current) +
                             ": a file with that name is in the way");
      }
      if (elevated) {
        Result<FolderControl> here = InspectFolder(current);
        if (!here.ok()) return here.status();
        if (parent.others_may_add && !here.value().admins_only) {
          return RefuseFolder(current, here.value().why);
        }
        parent = here.value();
      }
      continue;
    }
    return WindowsError("cannot create directory", current, error);
  }
  return Status::Ok();
}

Status RealFileSystem::WriteFileAtomic(const fs::path& path, std::string_view contents) {
  // A link (symlink or junction) named like the file is written through, not replaced.
  fs::path target = path;
  const DWORD old_attributes = Attributes(path);
  if (old_attributes != INVALID_FILE_ATTRIBUTES &&
      (old_attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
    if (std::optional<fs::path> final_path = FinalPath(path)) target = *final_path;
  }
  const std::string what = target == path
                               ? "cannot write " + Quote(path)
                               : "cannot write " + Quote(path) + " (link to " + Quote(target) + ")";
  auto fail = [&what](const std::string& step, DWORD error) {
    std::string message = what + ": " + step + WindowsErrorText(error);
    if (KindFromError(error) == ErrorKind::kNeedsAdmin) {
      message += " (administrator rights are needed)";
    }
    return Status::Error(std::move(message), KindFromError(error));
  };

  const DWORD target_attributes = Attributes(target);
  const bool existed = target_attributes != INVALID_FILE_ATTRIBUTES;
  if (existed && (target_attributes & FILE_ATTRIBUTE_DIRECTORY) != 0) {
    return Status::Error(what + ": it exists and is not a regular file");
  }

  fs::path temp_path;
  HANDLE handle = INVALID_HANDLE_VALUE;
  for (int attempt = 0; attempt < 100 && handle == INVALID_HANDLE_VALUE; ++attempt) {
    temp_path = TempPathFor(target, attempt);
    // Not shared while being written; CREATE_NEW never reuses a file that is there.
    handle = CreateFileW(temp_path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                         FILE_ATTRIBUTE_NORMAL, nullptr);
    if (handle == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS) break;
  }
  if (handle == INVALID_HANDLE_VALUE) {
    return fail("cannot create a temporary file in " + Quote(target.parent_path()) + ": ",
                GetLastError());
  }
  TempFileGuard guard(temp_path);
  {
    FileHandle file(handle);
    std::string_view rest = contents;
    while (!rest.empty()) {
      DWORD wrote = 0;
      const DWORD chunk = static_cast<DWORD>(std::min<size_t>(rest.size(), 1 << 20));
      if (!::WriteFile(file.get(), rest.data(), chunk, &wrote, nullptr)) {
        return fail("", GetLastError());
      }
      rest.remove_prefix(wrote);
    }
    // On disk before the swap: a crash leaves the old file or the new one, never half of one.
    if (!FlushFileBuffers(file.get())) return fail("cannot flush: ", GetLastError());
    if (!file.Close()) return fail("", GetLastError());
  }

  if (existed) {
    // The old file's hidden/system/archive flags, set on the new one first: not every
    // implementation of ReplaceFileW carries them over (wine's does not).
    constexpr DWORD kKept = FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM | FILE_ATTRIBUTE_ARCHIVE |
                            FILE_ATTRIBUTE_NOT_CONTENT_INDEXED;
    if (target_attributes & kKept) {
      SetFileAttributesW(temp_path.c_str(), target_attributes & kKept);
    }
    // ReplaceFileW keeps the old file's ACL, attributes and creation time on the new content.
    if (ReplaceFileW(target.c_str(), temp_path.c_str(), nullptr, REPLACEFILE_IGNORE_MERGE_ERRORS,
                     nullptr, nullptr)) {
      guard.Release();
      return Status::Ok();
    }
    const DWORD error = GetLastError();
    // Access denied is final (the same would stop MoveFileExW); other failures, e.g. a file
    // system without ReplaceFile support, fall back to a plain replacing move.
    if (KindFromError(error) == ErrorKind::kNeedsAdmin) return fail("", error);
  }
  if (!MoveFileExW(temp_path.c_str(), target.c_str(),
                   MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    return fail("", GetLastError());
  }
  guard.Release();
  return Status::Ok();
}

// Windows: owners and ACLs instead of uids and mode bits; what is checked is described in
// admin_acl_win.cpp. Not elevated: Ok, the ACL-based IsWritableDirectory judges each write.
Status RealFileSystem::CheckAdminWritePath(const fs::path& trusted_root,
                                           const fs::path& path) const {
  return CheckAdminOwnedPath(trusted_root, path);
}

// Temp files of a killed run: ".<name>.gcatrust-<pid>-<n>-<attempt>" (TempPathFor).
void RealFileSystem::RemoveStaleTempFiles(const fs::path& path) {
  const std::wstring prefix = L"." + path.filename().wstring() + L".gcatrust-";
  std::error_code ec;
  for (fs::directory_iterator it(path.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::wstring name = it->path().filename().wstring();
    if (name.compare(0, prefix.size(), prefix) == 0) DeleteFileW(it->path().c_str());
  }
}

std::optional<fs::path> RealFileSystem::ReadSymlink(const fs::path& path) const {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return std::nullopt;
  fs::path target = fs::read_symlink(path, ec);
  if (ec) return std::nullopt;
  return target;
}

Status RealFileSystem::RemoveFile(const fs::path& path) {
  if (DeleteFileW(path.c_str())) return Status::Ok();
  const DWORD error = GetLastError();
  if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND) return Status::Ok();
  return WindowsError("cannot remove", path, error);
}

Status RealFileSystem::RemoveEmptyDirectory(const fs::path& dir) {
  if (RemoveDirectoryW(dir.c_str())) return Status::Ok();
  const DWORD error = GetLastError();
  // Not empty, already gone, or not a folder at all: leave it.
  if (error == ERROR_DIR_NOT_EMPTY || error == ERROR_FILE_NOT_FOUND ||
      error == ERROR_PATH_NOT_FOUND || error == ERROR_DIRECTORY) {
    return Status::Ok();
  }
  return WindowsError("cannot remove directory", dir, error);
}

}  // namespace gcatrust
