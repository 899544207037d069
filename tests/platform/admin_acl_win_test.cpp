// Admin-only ACLs on Windows (platform/admin_acl_win.h), under real wine.
//
// What wine (8.0, Debian 12) can represent, found by experiment: it keeps no Windows security
// descriptor on disk (no "user.wine.sd" extended attribute: that is a wine-staging patch, not in
// Debian's wine). It maps a DACL to Unix mode bits when a file or folder is created or its ACL set
// (an allow ACE for Everyone -> the "other" bits, for the user -> the owner bits, for a group of
// the token such as BUILTIN\Users or Administrators -> the group bits), and builds the descriptor
// it returns from the mode and owner: owner = the running user if the Unix owner is this uid,
// else ANONYMOUS LOGON (S-1-5-7); DACL = SYSTEM full access, the running user (owner bits),
// Everyone (other bits), never protected, nothing inherited, no group ACE. So under wine:
//  * the descriptor gcatrust passes to CreateDirectoryW is checked in memory (exactly), and the
//    folder it creates is checked through what wine keeps of it: no Everyone ACE (a folder made
//    without it gets Everyone read & execute from its 0755 mode);
//  * the decisions on owners and DACLs are checked on security descriptors written in SDDL, as
//    Windows' own folders have them (C:\, ProgramData, Program Files, a user's folder);
//  * on real folders, a folder that everyone may write is refused. A folder of another owner is
//    tested by tests/windows/cli_win_test.sh (it chowns one to nobody when run as root), and so
//    are links: wine's CreateSymbolicLinkW makes none, but it shows a Unix symbolic link as a
//    reparse point. Wine cannot represent a link's own owner or ACL (FILE_FLAG_OPEN_REPARSE_POINT
//    still reports the target's), so "a link that belongs to another user" is not tested;
//  * a process that is not elevated cannot be made under wine (its token is always elevated),
//    so "not elevated: no check, new folders inherit" is not tested here.
#include "platform/admin_acl_win.h"

#include <aclapi.h>
#include <gtest/gtest.h>
#include <sddl.h>
#include <windows.h>

#include <filesystem>
#include <string>

#include "platform/real_file_system.h"
#include "platform/utf16_win.h"

namespace gcatrust {
namespace {

bool UnderWine() {
  return GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != nullptr;
}

// A security descriptor from SDDL, freed at the end of the scope.
class Sddl {
 public:
  explicit Sddl(const std::wstring& text) {
    EXPECT_TRUE(ConvertStringSecurityDescriptorToSecurityDescriptorW(text.c_str(), SDDL_REVISION_1,
                                                                     &descriptor_, nullptr))
        << GetLastError();
  }
  ~Sddl() { LocalFree(descriptor_); }
  PSECURITY_DESCRIPTOR get() const { return descriptor_; }

 private:
  PSECURITY_DESCRIPTOR descriptor_ = nullptr;
};

AccessVerdict Judge(const std::wstring& sddl, bool is_directory, PSID running_user = nullptr) {
  Sddl descriptor(sddl);
  return JudgeSecurity(descriptor.get(), is_directory, running_user);
}

struct Ace {
  WELL_KNOWN_SID_TYPE sid;
  DWORD mask;
};

// The owner is `owner` and the DACL holds exactly `aces` (allow ACEs, in order, with flags).
void ExpectAces(PACL dacl, const std::vector<Ace>& aces, BYTE flags) {
  ASSERT_NE(dacl, nullptr);
  ASSERT_EQ(dacl->AceCount, aces.size());
  for (DWORD i = 0; i < dacl->AceCount; ++i) {
    void* ace = nullptr;
    ASSERT_TRUE(GetAce(dacl, i, &ace));
    const auto* allowed = static_cast<const ACCESS_ALLOWED_ACE*>(ace);
    EXPECT_EQ(allowed->Header.AceType, ACCESS_ALLOWED_ACE_TYPE) << i;
    EXPECT_EQ(allowed->Header.AceFlags, flags) << i;
    EXPECT_EQ(allowed->Mask, aces[i].mask) << i;
    EXPECT_TRUE(IsWellKnownSid(const_cast<DWORD*>(&allowed->SidStart), aces[i].sid)) << i;
  }
}

constexpr DWORD kReadExecute = FILE_GENERIC_READ | FILE_GENERIC_EXECUTE;  // 0x1200a9

TEST(AdminAclWin, DescriptorForNewFoldersIsProtectedAndAdminOnly) {
  AdminOnlySecurity security;
  ASSERT_TRUE(security.valid());
  EXPECT_EQ(security.attributes()->lpSecurityDescriptor, security.descriptor());
  SECURITY_DESCRIPTOR_CONTROL control = 0;
  DWORD revision = 0;
  ASSERT_TRUE(GetSecurityDescriptorControl(security.descriptor(), &control, &revision));
  EXPECT_TRUE(control & SE_DACL_PROTECTED);  // nothing inherited from ProgramData
  PSID owner = nullptr;
  BOOL defaulted = FALSE;
  ASSERT_TRUE(GetSecurityDescriptorOwner(security.descriptor(), &owner, &defaulted));
  EXPECT_TRUE(IsWellKnownSid(owner, WinBuiltinAdministratorsSid));
  BOOL present = FALSE;
  PACL dacl = nullptr;
  ASSERT_TRUE(GetSecurityDescriptorDacl(security.descriptor(), &present, &dacl, &defaulted));
  ASSERT_TRUE(present);
  ExpectAces(dacl,
             {{WinLocalSystemSid, FILE_ALL_ACCESS},
              {WinBuiltinAdministratorsSid, FILE_ALL_ACCESS},
              {WinBuiltinUsersSid, kReadExecute}},
             OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE);
  // And it passes its own check, as a folder and (inherited) as a file.
  AccessVerdict verdict = JudgeSecurity(security.descriptor(), true, nullptr);
  EXPECT_TRUE(verdict.owner_trusted);
  EXPECT_EQ(verdict.others, OthersMay::kNothing);
}

// Windows' own folders, as `icacls` / Get-Acl show them on Windows 10/11 (SDDL form).
TEST(AdminAclWin, WindowsFoldersAsShipped) {
  // C:\ : Authenticated Users may create folders (LC = FILE_ADD_SUBDIRECTORY) and modify inside
  // them (inherit-only ACE, for the children).
  AccessVerdict root = Judge(
      L"O:SYD:(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;BU)(A;OICIIO;SDGXGWGR;;;AU)"
      L"(A;;LC;;;AU)",
      true);
  EXPECT_TRUE(root.owner_trusted);
  EXPECT_EQ(root.others, OthersMay::kAdd);
  EXPECT_NE(root.who.find("S-1-5-11"), std::string::npos) << root.who;
  // C:\ProgramData: BUILTIN\Users (CI)(WD,AD,WEA,WA) = 0x116 - they may add, not delete.
  AccessVerdict program_data = Judge(
      L"O:SYD:P(A;OICIIO;GA;;;CO)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)"
      L"(A;CI;0x116;;;BU)",
      true);
  EXPECT_TRUE(program_data.owner_trusted);
  EXPECT_EQ(program_data.others, OthersMay::kAdd);
  EXPECT_NE(program_data.who.find("S-1-5-32-545"), std::string::npos) << program_data.who;
  // C:\Program Files (owner TrustedInstaller; ALL APPLICATION PACKAGES may read).
  const std::wstring ti = L"S-1-5-80-956008885-3425558213-3434210185-1536520627-2185806398";
  AccessVerdict program_files =
      Judge(L"O:" + ti + L"D:P(A;;FA;;;" + ti + L")(A;CIIO;GA;;;" + ti +
                L")(A;;0x1301bf;;;SY)(A;OICIIO;GA;;;SY)(A;;0x1301bf;;;BA)(A;OICIIO;GA;;;BA)"
                L"(A;;0x1200a9;;;BU)(A;OICIIO;GXGR;;;BU)(A;OICIIO;GA;;;CO)(A;;0x1200a9;;;AC)"
                L"(A;OICIIO;GXGR;;;AC)",
            true);
  EXPECT_TRUE(program_files.owner_trusted);
  EXPECT_EQ(program_files.others, OthersMay::kNothing);
  // Mozilla Firefox's folder in it, as the installer leaves it (inherited ACEs).
  AccessVerdict firefox = Judge(
      L"O:BAD:AI(A;ID;FA;;;SY)(A;OICIIOID;GA;;;SY)(A;ID;FA;;;BA)(A;OICIIOID;GA;;;BA)"
      L"(A;ID;0x1200a9;;;BU)(A;OICIIOID;GXGR;;;BU)(A;OICIIOID;GA;;;CO)",
      true);
  EXPECT_TRUE(firefox.owner_trusted);
  EXPECT_EQ(firefox.others, OthersMay::kNothing);
}

TEST(AdminAclWin, FoldersOthersControlAreNamed) {
  // A folder a user made in ProgramData (ahead of the administrator): the user owns it.
  const std::wstring user = L"S-1-5-21-1004336348-1177238915-682003330-1001";
  AccessVerdict premade =
      Judge(L"O:" + user + L"D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;FA;;;" + user +
                L")(A;OICIID;0x1200a9;;;BU)(A;CIID;0x116;;;BU)",
            true);
  EXPECT_FALSE(premade.owner_trusted);
  EXPECT_NE(premade.owner.find(Utf8FromWide(user)), std::string::npos);
  EXPECT_EQ(premade.others, OthersMay::kChange);
  // The same folder made by an administrator (an earlier gcatrust that relied on inheritance):
  // owned by Administrators, but users may still add files to it.
  AccessVerdict inherited = Judge(
      L"O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIIOID;GA;;;CO)(A;OICIID;0x1200a9;;;BU)"
      L"(A;CIID;0x116;;;BU)",
      true);
  EXPECT_TRUE(inherited.owner_trusted);
  EXPECT_EQ(inherited.others, OthersMay::kAdd);
  // Modify for Users, WRITE_DAC for Everyone, GENERIC_ALL for Authenticated Users, no DACL.
  EXPECT_EQ(Judge(L"O:BAD:(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;BU)", true).others,
            OthersMay::kChange);
  EXPECT_EQ(Judge(L"O:BAD:(A;;WD;;;WD)", true).others, OthersMay::kChange);
  EXPECT_EQ(Judge(L"O:BAD:(A;;GA;;;AU)", true).others, OthersMay::kChange);
  // A NULL DACL (full access for everyone). Built by hand: wine's SDDL parser turns
  // "D:NO_ACCESS_CONTROL" into an empty DACL (which denies everything).
  SECURITY_DESCRIPTOR null_dacl;
  ASSERT_TRUE(InitializeSecurityDescriptor(&null_dacl, SECURITY_DESCRIPTOR_REVISION));
  ASSERT_TRUE(SetSecurityDescriptorDacl(&null_dacl, TRUE, nullptr, FALSE));
  EXPECT_EQ(JudgeSecurity(&null_dacl, true, nullptr).others, OthersMay::kChange);
  EXPECT_FALSE(JudgeSecurity(&null_dacl, true, nullptr).owner_trusted);  // no owner at all
  // GENERIC_WRITE on a folder is "create files and folders", not delete: others may add.
  EXPECT_EQ(Judge(L"O:BAD:(A;;GW;;;WD)", true).others, OthersMay::kAdd);
  // Rights for the children only, and deny ACEs, give nothing on the folder itself.
  EXPECT_EQ(Judge(L"O:BAD:(A;OICIIO;GA;;;BU)(D;;FA;;;WD)", true).others, OthersMay::kNothing);
}

TEST(AdminAclWin, FilesOthersMayWriteAreNamed) {
  // A certificate file inherited from the admin-only folder: fine.
  AccessVerdict ours = Judge(L"O:BAD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)", false);
  EXPECT_TRUE(ours.owner_trusted);
  EXPECT_EQ(ours.others, OthersMay::kNothing);
  // Write data (FILE_WRITE_DATA) or append for Users: its contents are theirs.
  EXPECT_EQ(Judge(L"O:BAD:(A;;FA;;;BA)(A;;0x2;;;BU)", false).others, OthersMay::kChange);
  EXPECT_EQ(Judge(L"O:BAD:(A;;FA;;;BA)(A;;0x4;;;BU)", false).others, OthersMay::kChange);
  EXPECT_EQ(Judge(L"O:BAD:(A;;FA;;;BA)(A;;SD;;;BU)", false).others, OthersMay::kChange);
}

TEST(AdminAclWin, TheRunningAdministratorIsTrusted) {
  HANDLE token = nullptr;
  ASSERT_TRUE(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token));
  BYTE buffer[512];
  DWORD size = 0;
  ASSERT_TRUE(GetTokenInformation(token, TokenUser, buffer, sizeof buffer, &size));
  CloseHandle(token);
  PSID me = reinterpret_cast<TOKEN_USER*>(buffer)->User.Sid;
  LPWSTR text = nullptr;
  ASSERT_TRUE(ConvertSidToStringSidW(me, &text));
  const std::wstring sid = text;
  LocalFree(text);
  const std::wstring sddl = L"O:" + sid + L"D:(A;OICI;FA;;;SY)(A;OICI;FA;;;" + sid + L")";
  AccessVerdict verdict = Judge(sddl, true, me);
  EXPECT_TRUE(verdict.owner_trusted);
  EXPECT_EQ(verdict.others, OthersMay::kNothing);
  // The same folder judged as if someone else ran gcatrust: not trusted.
  EXPECT_FALSE(Judge(sddl, true, nullptr).owner_trusted);
}

// Real folders: needs an elevated process (wine's is; on Windows run it as administrator).
class AdminAclWinFolders : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ProcessIsElevated()) GTEST_SKIP() << "not elevated";
    dir_ = fs::temp_directory_path() /
           (L"gcatrust acl 王小明 " + std::to_wstring(GetCurrentProcessId()));
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_));
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  // The folder's descriptor as GetNamedSecurityInfoW gives it back.
  struct ReadBack {
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    PSID owner = nullptr;
    PACL dacl = nullptr;
    ~ReadBack() { LocalFree(descriptor); }
  };
  void Read(const fs::path& path, ReadBack& out) {
    ASSERT_EQ(GetNamedSecurityInfoW(path.c_str(), SE_FILE_OBJECT,
                                    OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                                    &out.owner, nullptr, &out.dacl, nullptr, &out.descriptor),
              ERROR_SUCCESS);
  }
  static bool HasEveryoneAce(PACL dacl) {
    for (DWORD i = 0; dacl != nullptr && i < dacl->AceCount; ++i) {
      void* ace = nullptr;
      if (GetAce(dacl, i, &ace) &&
          IsWellKnownSid(&static_cast<ACCESS_ALLOWED_ACE*>(ace)->SidStart, WinWorldSid)) {
        return true;
      }
    }
    return false;
  }

  fs::path dir_;
  RealFileSystem files_;
};

TEST_F(AdminAclWinFolders, CreatedFoldersGetTheAdminOnlyAcl) {
  const fs::path certs = dir_ / L"gcatrust" / L"certs";
  ASSERT_TRUE(files_.MakeDirectories(certs).ok());
  const fs::path file = certs / L"gcatrust-grca2.der";
  ASSERT_TRUE(files_.WriteFileAtomic(file, "der").ok());
  for (const fs::path& made : {dir_ / L"gcatrust", certs}) {
    SCOPED_TRACE(made.u8string());
    ReadBack back;
    Read(made, back);
    if (UnderWine()) {
      // Wine keeps the ACL as mode bits (0750 here: no "other" bits, as no ACE is for
      // Everyone) and reads back SYSTEM + the running user; protection and the owner BA are
      // lost (see the top of this file).
      EXPECT_FALSE(HasEveryoneAce(back.dacl));
      ASSERT_NE(back.dacl, nullptr);
      EXPECT_EQ(back.dacl->AceCount, 2u);
      continue;
    }
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    ASSERT_TRUE(GetSecurityDescriptorControl(back.descriptor, &control, &revision));
    EXPECT_TRUE(control & SE_DACL_PROTECTED);
    EXPECT_TRUE(IsWellKnownSid(back.owner, WinBuiltinAdministratorsSid));
    ExpectAces(back.dacl,
               {{WinLocalSystemSid, FILE_ALL_ACCESS},
                {WinBuiltinAdministratorsSid, FILE_ALL_ACCESS},
                {WinBuiltinUsersSid, kReadExecute}},
               OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE);
  }
  if (!UnderWine()) {
    // The file inherits the folder's ACEs (wine does not apply inheritance to mode bits).
    ReadBack back;
    Read(file, back);
    ExpectAces(back.dacl,
               {{WinLocalSystemSid, FILE_ALL_ACCESS},
                {WinBuiltinAdministratorsSid, FILE_ALL_ACCESS},
                {WinBuiltinUsersSid, kReadExecute}},
               INHERITED_ACE);
  }
  // Contrast, so the check above can fail: a folder made without the descriptor inherits
  // (Windows: the temp folder's ACL, not protected) or, under wine, gets Everyone from 0755.
  const fs::path plain = dir_ / L"plain";
  ASSERT_TRUE(CreateDirectoryW(plain.c_str(), nullptr));
  ReadBack back;
  Read(plain, back);
  if (UnderWine()) {
    EXPECT_TRUE(HasEveryoneAce(back.dacl));
  } else {
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    ASSERT_TRUE(GetSecurityDescriptorControl(back.descriptor, &control, &revision));
    EXPECT_FALSE(control & SE_DACL_PROTECTED);
  }
  // And what gcatrust made passes its own check.
  EXPECT_TRUE(files_.CheckAdminWritePath(dir_, file).ok());
}

// Gives path a DACL that lets Everyone do anything (wine: mode o+rwx).
void OpenToEveryone(const fs::path& path) {
  Sddl open(L"D:(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;WD)");
  BOOL present = FALSE;
  BOOL defaulted = FALSE;
  PACL dacl = nullptr;
  ASSERT_TRUE(GetSecurityDescriptorDacl(open.get(), &present, &dacl, &defaulted));
  ASSERT_EQ(SetNamedSecurityInfoW(const_cast<wchar_t*>(path.c_str()), SE_FILE_OBJECT,
                                  DACL_SECURITY_INFORMATION, nullptr, nullptr, dacl, nullptr),
            ERROR_SUCCESS);
}

TEST_F(AdminAclWinFolders, FolderEveryoneMayWriteIsRefused) {
  const fs::path certs = dir_ / L"gcatrust" / L"certs";
  ASSERT_TRUE(fs::create_directories(certs));
  const fs::path file = certs / L"gcatrust-grca2.der";
  EXPECT_TRUE(files_.CheckAdminWritePath(dir_, file).ok());  // before: fine
  OpenToEveryone(certs);

  Status refused = files_.CheckAdminWritePath(dir_, file);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("certs\""), std::string::npos) << refused.message();
  EXPECT_NE(refused.message().find("Everyone"), std::string::npos) << refused.message();
  EXPECT_NE(refused.message().find("refusing"), std::string::npos) << refused.message();
  // The same from the volume root (trusted root "/" of a run on the live system).
  EXPECT_FALSE(files_.CheckAdminWritePath("/", file).ok());
  // A folder further down is refused too.
  EXPECT_FALSE(files_.CheckAdminWritePath(dir_, certs / L"sub" / L"x.der").ok());
  // One level up is still fine (the open folder is not on the way).
  EXPECT_TRUE(files_.CheckAdminWritePath(dir_, dir_ / L"gcatrust" / L"other.json").ok());
}

// MakeDirectories alone (export to a folder of the user's, run elevated) keeps working in a
// folder others control, and does not lock the user out of what it makes there: the new folder
// inherits (under wine: Everyone keeps the access the open parent's mode gives).
TEST_F(AdminAclWinFolders, FoldersMadeWhereOthersControlInherit) {
  const fs::path open = dir_ / L"Desktop";
  ASSERT_TRUE(fs::create_directories(open));
  OpenToEveryone(open);
  const fs::path made = open / L"certs";
  ASSERT_TRUE(files_.MakeDirectories(made).ok());
  ReadBack back;
  Read(made, back);
  if (UnderWine()) {
    EXPECT_TRUE(HasEveryoneAce(back.dacl));
  } else {
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    ASSERT_TRUE(GetSecurityDescriptorControl(back.descriptor, &control, &revision));
    EXPECT_FALSE(control & SE_DACL_PROTECTED);
  }
}

TEST_F(AdminAclWinFolders, UsualSystemPathsPass) {
  // As gcatrust checks them on a live system (trusted root "/": the walk starts at C:\).
  for (const wchar_t* path : {L"C:\\ProgramData\\gcatrust\\certs\\gcatrust-grca2.der",
                              L"C:\\Program Files\\Mozilla Firefox\\distribution\\policies.json",
                              L"C:\\Program Files (x86)\\Mozilla Firefox\\distribution"}) {
    Status s = files_.CheckAdminWritePath("/", path);
    EXPECT_TRUE(s.ok()) << s.message();
  }
}

}  // namespace
}  // namespace gcatrust
