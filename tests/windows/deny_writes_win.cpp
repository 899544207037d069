// Test helper for cli_win_test.sh: gives a folder an ACL that lets everyone read but nobody add
// or change files, which is what C:\Program Files is to a user who is not elevated. (Wine keeps
// and checks ACLs; its icacls.exe cannot set them.) Usage: deny_writes_win FOLDER
#include <windows.h>

#include <cstdio>

#include "platform/program_main.h"
#include "platform/utf16_win.h"

int gcatrust::ProgramMain(int argc, char** argv) {
  if (argc != 2) return 2;
  SECURITY_DESCRIPTOR descriptor;
  SID_IDENTIFIER_AUTHORITY world = SECURITY_WORLD_SID_AUTHORITY;
  PSID everyone = nullptr;
  alignas(DWORD) BYTE acl_buffer[256];
  PACL acl = reinterpret_cast<PACL>(acl_buffer);
  const bool ok =
      InitializeSecurityDescriptor(&descriptor, SECURITY_DESCRIPTOR_REVISION) &&
      AllocateAndInitializeSid(&world, 1, SECURITY_WORLD_RID, 0, 0, 0, 0, 0, 0, 0, &everyone) &&
      InitializeAcl(acl, sizeof acl_buffer, ACL_REVISION) &&
      AddAccessAllowedAce(acl, ACL_REVISION, FILE_GENERIC_READ | FILE_GENERIC_EXECUTE, everyone) &&
      SetSecurityDescriptorDacl(&descriptor, TRUE, acl, FALSE) &&
      SetFileSecurityW(WideFromUtf8(argv[1]).c_str(), DACL_SECURITY_INFORMATION, &descriptor);
  if (everyone != nullptr) FreeSid(everyone);
  if (!ok) std::fprintf(stderr, "deny_writes_win: %s\n", WindowsErrorText(GetLastError()).c_str());
  return ok ? 0 : 1;
}
