// Windows: who controls a folder or file gcatrust writes as administrator, and the admin-only
// ACL of the folders it creates (issue 5, "Hardening"). The Windows side of what
// RealFileSystem::CheckAdminWritePath does with owners and mode bits on POSIX.
#ifndef GCATRUST_PLATFORM_ADMIN_ACL_WIN_H_
#define GCATRUST_PLATFORM_ADMIN_ACL_WIN_H_

#include <windows.h>

#include <filesystem>
#include <string>

#include "installer/result.h"

namespace gcatrust {

namespace fs = std::filesystem;

/// True when this process runs with an elevated (full administrator) token, or as SYSTEM.
bool ProcessIsElevated();

/// The security descriptor of every folder gcatrust creates as administrator, in SDDL
/// (https://learn.microsoft.com/en-us/windows/win32/secauthz/security-descriptor-string-format):
///   O:BA      owner BUILTIN\Administrators (SID string "BA", S-1-5-32-544);
///   D:P       a protected DACL: nothing inherited from the parent (SE_DACL_PROTECTED), so
///             ProgramData's "Users may create folders and files" does not reach it;
///   (A;OICI;FA;;;SY)        SYSTEM (S-1-5-18): full control (FILE_ALL_ACCESS), inherited by
///                           files (OI) and folders (CI) created inside;
///   (A;OICI;FA;;;BA)        Administrators: full control, inherited likewise;
///   (A;OICI;0x1200a9;;;BU)  BUILTIN\Users (S-1-5-32-545): FILE_GENERIC_READ (0x120089) |
///                           FILE_GENERIC_EXECUTE (0x1200a0), i.e. read & execute only.
/// ACE strings: https://learn.microsoft.com/en-us/windows/win32/secauthz/ace-strings; SID strings
/// ("SY", "BA", "BU"): https://learn.microsoft.com/en-us/windows/win32/secauthz/sid-strings.
inline constexpr wchar_t kAdminOnlySddl[] =
    L"O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)";

/// kAdminOnlySddl as a SECURITY_ATTRIBUTES for CreateDirectoryW: the folder has its ACL from
/// the moment it exists, with no moment in which a user could write to it.
class AdminOnlySecurity {
 public:
  AdminOnlySecurity();
  ~AdminOnlySecurity();
  AdminOnlySecurity(const AdminOnlySecurity&) = delete;
  AdminOnlySecurity& operator=(const AdminOnlySecurity&) = delete;
  bool valid() const { return descriptor_ != nullptr; }
  PSECURITY_DESCRIPTOR descriptor() const { return descriptor_; }
  SECURITY_ATTRIBUTES* attributes() { return &attributes_; }

 private:
  PSECURITY_DESCRIPTOR descriptor_ = nullptr;
  SECURITY_ATTRIBUTES attributes_{};
};

/// What users other than the administrators may do to a folder or file, from its DACL.
enum class OthersMay {
  kNothing,  ///< read at most
  kAdd,      ///< a folder in which they may create entries but not remove or rename ours
  kChange,   ///< write it, delete or rename its entries, or change its ACL or owner
};

/// The verdict on one security descriptor. owner/who name the account ("BUILTIN\Users
/// (S-1-5-32-545)") when owner_trusted is false / others is not kNothing.
struct AccessVerdict {
  bool owner_trusted = true;
  std::string owner;
  OthersMay others = OthersMay::kNothing;
  std::string who;
};

/// Judges a security descriptor (owner and DACL) of a folder (is_directory) or a file.
/// Trusted are SYSTEM, BUILTIN\Administrators, NT SERVICE\TrustedInstaller and running_user (the
/// administrator who runs gcatrust; may be null). See admin_acl_win.cpp for the rights counted.
AccessVerdict JudgeSecurity(PSECURITY_DESCRIPTOR descriptor, bool is_directory, PSID running_user);

/// As administrator: Ok if no one but the administrators controls the way to path (the walk
/// is described in admin_acl_win.cpp); otherwise an error naming the folder, file or link.
/// Not elevated: Ok (the OS keeps gcatrust to what the user may write anyway).
Status CheckAdminOwnedPath(const fs::path& trusted_root, const fs::path& path);

/// What an elevated MakeDirectories needs to know about a folder that exists.
struct FolderControl {
  bool admins_only = false;     ///< its owner is trusted and others may at most add entries
  bool others_may_add = false;  ///< admins_only, but others may create entries (C:\ProgramData)
  std::string why;              ///< when not admins_only: "belongs to ..." or "lets ... change"
};
Result<FolderControl> InspectFolder(const fs::path& dir);

/// The error CheckAdminOwnedPath gives, for a folder that MakeDirectories found made by someone
/// else where others may add entries.
Status RefuseFolder(const fs::path& dir, const std::string& why);

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_ADMIN_ACL_WIN_H_
