// Windows: admin-only ACLs for what gcatrust creates, and the check that no one but the
// administrators controls where an elevated gcatrust writes (admin_acl_win.h).
//
// Why: C:\ProgramData's default ACL lets every user create folders in it (BUILTIN\Users:
// "(CI)(WD,AD,WEA,WA)", and CREATOR OWNER gets full control of what they create), so a user
// could make %ProgramData%\gcatrust\certs before the administrator's first install and later
// swap the certificate files that Firefox's Certificates.Install policy names: Firefox would
// then trust that user's CA for every account. The same holds for a Firefox that a user
// installed in a folder of their own, written to by an elevated run.
//
// What is checked (CheckAdminOwnedPath), on the way from the volume root (or the --root image
// folder) down to the file, one name at a time as Windows resolves it:
//  * every folder, link (reparse point: symbolic link, junction, mount point) and the file
//    itself must be owned by SYSTEM, BUILTIN\Administrators, NT SERVICE\TrustedInstaller or the
//    administrator running gcatrust;
//  * its DACL (ACEs that apply to the object itself; generic rights mapped to file rights) may
//    grant any other account no right to change it: DELETE, WRITE_DAC, WRITE_OWNER, and for a
//    folder FILE_DELETE_CHILD, for a file FILE_WRITE_DATA / FILE_APPEND_DATA. A missing DACL
//    (full access for everyone) counts as such a grant;
//  * a folder whose DACL lets others only add entries (FILE_ADD_FILE / FILE_ADD_SUBDIRECTORY,
//    like C:\ and C:\ProgramData) may be passed through to an existing entry that passes, and
//    gcatrust may create a folder in it (with kAdminOnlySddl; a folder someone else made there
//    between this check and the write is refused by MakeDirectories), but no file is written
//    straight into it: its name could be
//    taken first by someone else, who would then own it (the Windows form of the POSIX check's
//    sticky /tmp rule);
//  * a link is followed (GetFinalPathNameByHandleW) and the walk goes on from the root of its
//    target, so the target's folders are checked too.
// Not checked: deny ACEs (they only take rights away), ACEs that apply only to children
// (INHERIT_ONLY_ACE), the ACLs of the volume's root above a --root image folder.
#include "platform/admin_acl_win.h"

#include <aclapi.h>
#include <sddl.h>

#include <cwctype>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "platform/final_path_win.h"
#include "platform/utf16_win.h"

namespace gcatrust {
namespace {

std::string Quote(const fs::path& path) { return "\"" + path.u8string() + "\""; }

// Links followed on one walk before giving up, as the kernel's own limit on POSIX (ELOOP).
constexpr int kMaxLinkHops = 40;

// The service SID of NT SERVICE\TrustedInstaller ("S-1-5-80-" + the SHA-1 of the upper-case
// service name, https://learn.microsoft.com/en-us/windows/win32/secauthz/well-known-sids for
// S-1-5-80; `sc showsid TrustedInstaller` prints it), owner of Windows' own folders.
constexpr wchar_t kTrustedInstallerSid[] =
    L"S-1-5-80-956008885-3425558213-3434210185-1536520627-2185806398";

// The rights that let someone else change a folder or file gcatrust relies on. FILE_ADD_FILE and
// FILE_ADD_SUBDIRECTORY are FILE_WRITE_DATA and FILE_APPEND_DATA under their folder names
// (https://learn.microsoft.com/en-us/windows/win32/fileio/file-access-rights-constants).
constexpr DWORD kChangeRights = DELETE | WRITE_DAC | WRITE_OWNER;
constexpr DWORD kFolderChangeRights = kChangeRights | FILE_DELETE_CHILD;
constexpr DWORD kFolderAddRights = FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY;
constexpr DWORD kFileChangeRights = kChangeRights | FILE_WRITE_DATA | FILE_APPEND_DATA;

std::string SidText(PSID sid) {
  std::string text;
  LPWSTR sid_string = nullptr;
  if (ConvertSidToStringSidW(sid, &sid_string)) {
    text = Utf8FromWide(sid_string);
    LocalFree(sid_string);
  }
  wchar_t name[256];
  wchar_t domain[256];
  DWORD name_size = 256;
  DWORD domain_size = 256;
  SID_NAME_USE use;
  if (LookupAccountSidW(nullptr, sid, name, &name_size, domain, &domain_size, &use)) {
    std::wstring account = domain_size > 0 ? std::wstring(domain) + L"\\" + name : name;
    text = Utf8FromWide(account) + " (" + text + ")";
  }
  return text;
}

bool IsTrustedSid(PSID sid, PSID running_user) {
  if (IsWellKnownSid(sid, WinLocalSystemSid) || IsWellKnownSid(sid, WinBuiltinAdministratorsSid)) {
    return true;
  }
  if (running_user != nullptr && EqualSid(sid, running_user)) return true;
  LPWSTR text = nullptr;
  if (!ConvertSidToStringSidW(sid, &text)) return false;
  const bool trusted_installer = std::wstring(text) == kTrustedInstallerSid;
  LocalFree(text);
  return trusted_installer;
}

// CREATOR OWNER / CREATOR GROUP only mean something in inheritable ACEs (they are replaced by the
// creator when inherited); OWNER RIGHTS applies to the owner, judged on its own.
bool IsPlaceholderSid(PSID sid) {
  return IsWellKnownSid(sid, WinCreatorOwnerSid) || IsWellKnownSid(sid, WinCreatorGroupSid) ||
         IsWellKnownSid(sid, WinCreatorOwnerRightsSid);
}

// The user SID of this process's token (the administrator who runs gcatrust).
class RunningUser {
 public:
  RunningUser() {
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return;
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    buffer_.resize(size);
    if (size == 0 || !GetTokenInformation(token, TokenUser, buffer_.data(), size, &size)) {
      buffer_.clear();
    }
    CloseHandle(token);
  }
  PSID sid() const {
    return buffer_.empty() ? nullptr
                           : reinterpret_cast<const TOKEN_USER*>(buffer_.data())->User.Sid;
  }

 private:
  std::vector<BYTE> buffer_;
};

// The owner and DACL of the object at path itself: a link is not followed
// (FILE_FLAG_OPEN_REPARSE_POINT), FILE_FLAG_BACKUP_SEMANTICS opens folders.
Result<AccessVerdict> JudgeObject(const fs::path& path, bool is_directory, PSID running_user) {
  HANDLE handle = CreateFileW(
      path.c_str(), READ_CONTROL, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
      OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (handle == INVALID_HANDLE_VALUE) {
    return Status::Error("cannot inspect " + Quote(path) + ": " + WindowsErrorText(GetLastError()));
  }
  PSECURITY_DESCRIPTOR descriptor = nullptr;
  const DWORD error = GetSecurityInfo(handle, SE_FILE_OBJECT,
                                      OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                                      nullptr, nullptr, nullptr, nullptr, &descriptor);
  CloseHandle(handle);
  if (error != ERROR_SUCCESS) {
    return Status::Error("cannot read the permissions of " + Quote(path) + ": " +
                         WindowsErrorText(error));
  }
  AccessVerdict verdict = JudgeSecurity(descriptor, is_directory, running_user);
  LocalFree(descriptor);
  return verdict;
}

Status Refuse(const fs::path& path, const fs::path& where, const std::string& why) {
  return Status::Error("refusing to write " + Quote(path) + " as administrator: " + Quote(where) +
                       " " + why +
                       ", so another user could redirect the write; make it belong to "
                       "Administrators and writable by administrators only (icacls), or remove "
                       "it, then run again");
}

// Path below root, compared without regard to case (NTFS names are case-insensitive):
// the relative rest, or nullopt.
std::optional<fs::path> RelativeBelow(const fs::path& full, const fs::path& root) {
  auto lower = [](std::wstring s) {
    for (wchar_t& c : s) c = static_cast<wchar_t>(std::towlower(c));
    return s;
  };
  auto it = full.begin();
  for (const fs::path& part : root) {
    if (part.empty()) continue;
    while (it != full.end() && it->empty()) ++it;
    if (it == full.end() || lower(it->wstring()) != lower(part.wstring())) return std::nullopt;
    ++it;
  }
  fs::path rest;
  for (; it != full.end(); ++it) rest /= *it;
  return rest;
}

}  // namespace

bool ProcessIsElevated() {
  // An administrator's processes run with a filtered token until elevated (UAC); TokenElevation
  // tells which one this is (SYSTEM's token counts as elevated).
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return false;
  TOKEN_ELEVATION elevation{};
  DWORD size = 0;
  const bool elevated =
      GetTokenInformation(token, TokenElevation, &elevation, sizeof elevation, &size) &&
      elevation.TokenIsElevated != 0;
  CloseHandle(token);
  return elevated;
}

AdminOnlySecurity::AdminOnlySecurity() {
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(kAdminOnlySddl, SDDL_REVISION_1,
                                                            &descriptor_, nullptr)) {
    descriptor_ = nullptr;
  }
  attributes_.nLength = sizeof attributes_;
  attributes_.lpSecurityDescriptor = descriptor_;
  attributes_.bInheritHandle = FALSE;
}

AdminOnlySecurity::~AdminOnlySecurity() {
  if (descriptor_ != nullptr) LocalFree(descriptor_);
}

AccessVerdict JudgeSecurity(PSECURITY_DESCRIPTOR descriptor, bool is_directory, PSID running_user) {
  AccessVerdict verdict;
  PSID owner = nullptr;
  BOOL defaulted = FALSE;
  if (!GetSecurityDescriptorOwner(descriptor, &owner, &defaulted) || owner == nullptr) {
    verdict.owner_trusted = false;
    verdict.owner = "no one";
  } else if (!IsTrustedSid(owner, running_user)) {
    verdict.owner_trusted = false;
    verdict.owner = SidText(owner);
  }

  BOOL present = FALSE;
  PACL dacl = nullptr;
  if (!GetSecurityDescriptorDacl(descriptor, &present, &dacl, &defaulted) || !present ||
      dacl == nullptr) {
    // No DACL: every access is granted to everyone.
    verdict.others = OthersMay::kChange;
    verdict.who = "everyone (it has no access control list)";
    return verdict;
  }
  GENERIC_MAPPING mapping{FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE,
                          FILE_ALL_ACCESS};
  const DWORD change = is_directory ? kFolderChangeRights : kFileChangeRights;
  const DWORD add = is_directory ? kFolderAddRights : 0;
  for (DWORD i = 0; i < dacl->AceCount; ++i) {
    void* ace = nullptr;
    if (!GetAce(dacl, i, &ace)) continue;
    const auto* header = static_cast<const ACE_HEADER*>(ace);
    // Allow ACEs (conditional ones too: same layout); deny ACEs only take rights away.
    if (header->AceType != ACCESS_ALLOWED_ACE_TYPE &&
        header->AceType != ACCESS_ALLOWED_CALLBACK_ACE_TYPE) {
      continue;
    }
    if (header->AceFlags & INHERIT_ONLY_ACE) continue;  // for children only
    const auto* allowed = static_cast<const ACCESS_ALLOWED_ACE*>(ace);
    PSID sid = const_cast<DWORD*>(&allowed->SidStart);
    if (IsTrustedSid(sid, running_user) || IsPlaceholderSid(sid)) continue;
    DWORD mask = allowed->Mask;
    MapGenericMask(&mask, &mapping);
    if (mask & change) {
      verdict.others = OthersMay::kChange;
      verdict.who = SidText(sid);
      return verdict;
    }
    if ((mask & add) && verdict.others == OthersMay::kNothing) {
      verdict.others = OthersMay::kAdd;
      verdict.who = SidText(sid);
    }
  }
  return verdict;
}

Status CheckAdminOwnedPath(const fs::path& trusted_root, const fs::path& path) {
  if (!ProcessIsElevated()) return Status::Ok();
  const RunningUser user;
  std::error_code ec;
  const fs::path full = fs::absolute(path, ec).lexically_normal();
  // The walk starts at the --root image folder when path is in it, else at the volume root.
  fs::path current = full.root_path();
  fs::path rel = full.relative_path();
  if (trusted_root.has_root_name()) {
    const fs::path root = fs::absolute(trusted_root, ec).lexically_normal();
    if (std::optional<fs::path> below = RelativeBelow(full, root)) {
      current = root;
      rel = *below;
    }
  }

  std::string adders;  // who may add entries to current, if anyone
  // A folder the walk enters: owned by the administrators, changed by no one else.
  auto enter = [&](const fs::path& dir, const AccessVerdict& v) -> Status {
    if (!v.owner_trusted) return Refuse(path, dir, "belongs to " + v.owner);
    if (v.others == OthersMay::kChange) {
      return Refuse(path, dir, "lets " + v.who + " delete, rename or change what is in it");
    }
    adders = v.others == OthersMay::kAdd ? v.who : "";
    current = dir;
    return Status::Ok();
  };
  Result<AccessVerdict> start = JudgeObject(current, /*is_directory=*/true, user.sid());
  if (!start.ok()) return start.status();
  if (Status s = enter(current, start.value()); !s.ok()) return s;

  std::deque<fs::path> todo(rel.begin(), rel.end());
  int hops = 0;
  while (!todo.empty()) {
    const fs::path name = todo.front();
    todo.pop_front();
    if (name.empty() || name == ".") continue;
    if (name == "..") {
      current = current.parent_path();
      continue;
    }
    const fs::path next = current / name;
    const DWORD attributes = GetFileAttributesW(next.c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES) {
      const DWORD error = GetLastError();
      if (error != ERROR_FILE_NOT_FOUND && error != ERROR_PATH_NOT_FOUND) {
        return Status::Error("cannot inspect " + Quote(next) + ": " + WindowsErrorText(error));
      }
      // Not there yet. Folders on the way are created with kAdminOnlySddl; the last name may be
      // a file, which is not made where others could have taken its name first.
      if (todo.empty() && !adders.empty()) {
        return Refuse(path, current, "lets " + adders + " add files to it");
      }
      return Status::Ok();
    }
    const bool is_directory = (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    Result<AccessVerdict> verdict = JudgeObject(next, is_directory, user.sid());
    if (!verdict.ok()) return verdict.status();
    const AccessVerdict& v = verdict.value();
    if (attributes & FILE_ATTRIBUTE_REPARSE_POINT) {
      if (!v.owner_trusted) return Refuse(path, next, "is a link that belongs to " + v.owner);
      if (v.others == OthersMay::kChange) {
        return Refuse(path, next, "is a link that " + v.who + " may change");
      }
      if (++hops > kMaxLinkHops) return Status::Error("too many links in " + Quote(path));
      std::optional<fs::path> target = FinalPath(next);
      if (!target) {
        if (todo.empty()) return Status::Ok();  // a dangling link, replaced by the write
        return Status::Error("cannot follow the link " + Quote(next));
      }
      // On from the root of the link's target: the folders it leads through are checked too.
      const fs::path target_rel = target->relative_path();
      todo.insert(todo.begin(), target_rel.begin(), target_rel.end());
      Result<AccessVerdict> root = JudgeObject(target->root_path(), true, user.sid());
      if (!root.ok()) return root.status();
      if (Status s = enter(target->root_path(), root.value()); !s.ok()) return s;
      continue;
    }
    if (is_directory) {
      if (Status s = enter(next, v); !s.ok()) return s;
      continue;
    }
    // The file itself: ReplaceFileW keeps its owner and ACL, so they must be the admins' too.
    if (!adders.empty()) {
      return Refuse(path, current, "lets " + adders + " add files to it");
    }
    if (!v.owner_trusted) return Refuse(path, next, "belongs to " + v.owner);
    if (v.others != OthersMay::kNothing) return Refuse(path, next, "may be changed by " + v.who);
    return Status::Ok();
  }
  return Status::Ok();
}

Result<FolderControl> InspectFolder(const fs::path& dir) {
  const RunningUser user;
  Result<AccessVerdict> verdict = JudgeObject(dir, /*is_directory=*/true, user.sid());
  if (!verdict.ok()) return verdict.status();
  const AccessVerdict& v = verdict.value();
  FolderControl control;
  if (!v.owner_trusted) {
    control.why = "belongs to " + v.owner;
  } else if (v.others == OthersMay::kChange) {
    control.why = "lets " + v.who + " delete, rename or change what is in it";
  } else {
    control.admins_only = true;
    control.others_may_add = v.others == OthersMay::kAdd;
  }
  return control;
}

Status RefuseFolder(const fs::path& dir, const std::string& why) { return Refuse(dir, dir, why); }

}  // namespace gcatrust
