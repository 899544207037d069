// Windows: environment variables, the Firefox installations the registry and the usual folders
// name, the accounts with a profile folder, elevation and Firefox's parent.lock.
#include "platform/system_environment.h"

#include <windows.h>

#include <algorithm>
#include <set>

#include "platform/admin_acl_win.h"
#include "platform/registry_win.h"
#include "platform/utf16_win.h"

namespace gcatrust {
namespace {

namespace fs = std::filesystem;

std::optional<std::wstring> WideVariable(const wchar_t* name) {
  const DWORD size = GetEnvironmentVariableW(name, nullptr, 0);
  if (size == 0) return std::nullopt;
  std::wstring value(size, L'\0');
  const DWORD length = GetEnvironmentVariableW(name, value.data(), size);
  if (length == 0 || length >= size) return std::nullopt;
  value.resize(length);
  return value;
}

// The registry names of Firefox's products (SOFTWARE\Mozilla\<product>): the release, ESR,
// Developer Edition and Nightly installers each write their own (installer/docs/facts.md §3.2;
// browser/installer/windows/nsis/shared.nsh, "${BrandFullNameInternal}").
const wchar_t* const kProducts[] = {L"Mozilla Firefox", L"Mozilla Firefox ESR",
                                    L"Firefox Developer Edition", L"Nightly"};

// Install folders of one product in one hive and view: ...\<product>\CurrentVersion names the
// version key "<ver> (x64 zh-TW)" whose Main\Install Directory is the folder; other version
// keys (side-by-side or stale installs) are looked at too, the current one first.
void AddRegistryInstalls(HKEY hive, REGSAM view, const std::wstring& product,
                         std::vector<std::wstring>& dirs) {
  const std::wstring base = L"SOFTWARE\\Mozilla\\" + product;
  std::vector<std::wstring> versions;
  if (auto current = ReadRegistryString(hive, base, L"CurrentVersion", view)) {
    versions.push_back(*current);
  }
  for (const std::wstring& key : RegistrySubkeys(hive, base, view)) {
    if (std::find(versions.begin(), versions.end(), key) == versions.end()) {
      versions.push_back(key);
    }
  }
  for (const std::wstring& version : versions) {
    if (auto dir = ReadRegistryString(hive, base + L"\\" + version + L"\\Main",
                                      L"Install Directory", view)) {
      if (!dir->empty()) dirs.push_back(*dir);
    }
  }
}

// Folders in %SystemDrive%\Users that Windows makes for everyone, not for an account.
bool IsSharedProfileFolder(const std::wstring& name) {
  for (const wchar_t* shared : {L"Public", L"Default", L"Default User", L"All Users"}) {
    if (CompareStringOrdinal(name.c_str(), -1, shared, -1, TRUE) == CSTR_EQUAL) return true;
  }
  return false;
}

UserAccount AccountAt(const fs::path& home) {
  UserAccount user;
  user.name = home.filename().u8string();
  user.home = home;  // uid/gid 0: see file_owner_win.cpp
  return user;
}

std::wstring Lowercase(const std::wstring& text) {
  // LCMapStringW (kernel32) rather than CharLowerBuffW, which would pull in user32.dll.
  std::wstring lower(text.size(), L'\0');
  if (text.empty() ||
      LCMapStringW(LOCALE_INVARIANT, LCMAP_LOWERCASE, text.c_str(), static_cast<int>(text.size()),
                   lower.data(), static_cast<int>(lower.size())) == 0) {
    return text;
  }
  return lower;
}

}  // namespace

std::optional<std::string> SystemEnvironment::GetVariable(const std::string& name) const {
  std::optional<std::wstring> value = WideVariable(WideFromUtf8(name).c_str());
  if (!value) return std::nullopt;
  return Utf8FromWide(*value);
}

std::vector<InstallCandidate> SystemEnvironment::FirefoxInstallCandidates() const {
  // The registry first (machine-wide installs, then per-user ones; each in the 64-bit view, then
  // the 32-bit WOW6432Node one that 32-bit Firefox installers write), then the default folders
  // for installs whose keys are gone. DiscoverFirefox drops duplicates and folders without
  // firefox.exe + application.ini.
  std::vector<std::wstring> dirs;
  for (HKEY hive : {HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER}) {
    for (REGSAM view : {KEY_WOW64_64KEY, KEY_WOW64_32KEY}) {
      for (const wchar_t* product : kProducts) AddRegistryInstalls(hive, view, product, dirs);
    }
  }
  // The installers' default folders (installer/docs/facts.md §3.2): 64-bit and 32-bit Program
  // Files, and %LOCALAPPDATA% for a per-user install without admin rights.
  const std::pair<const wchar_t*, const wchar_t*> defaults[] = {
      {L"ProgramFiles", L"Mozilla Firefox"},           {L"ProgramW6432", L"Mozilla Firefox"},
      {L"ProgramFiles(x86)", L"Mozilla Firefox"},      {L"LOCALAPPDATA", L"Mozilla Firefox"},
      {L"ProgramFiles", L"Firefox Developer Edition"}, {L"ProgramFiles", L"Firefox Nightly"},
  };
  for (const auto& [variable, folder] : defaults) {
    if (auto base = WideVariable(variable)) dirs.push_back(*base + L"\\" + folder);
  }
  std::vector<InstallCandidate> candidates;
  for (const std::wstring& dir : dirs) {
    candidates.push_back({fs::path(dir).lexically_normal(), InstallKind::kPackage});
  }
  return candidates;
}

std::vector<fs::path> SystemEnvironment::ProfileRootsInHome() const {
  // %APPDATA%\Mozilla\Firefox, %APPDATA% being <home>\AppData\Roaming (installer/docs/facts.md
  // §3.4: profiles.ini there, profiles in its Profiles\ folder).
  return {fs::path(L"AppData\\Roaming\\Mozilla\\Firefox")};
}

UserAccount SystemEnvironment::CurrentUser() const {
  UserAccount user;
  wchar_t name[257];  // UNLEN + 1
  DWORD length = 257;
  if (GetUserNameW(name, &length) && length > 0) user.name = Utf8FromWide(name);
  // %USERPROFILE% is the home Windows gives the session (and what Firefox's %APPDATA% is under).
  if (auto home = WideVariable(L"USERPROFILE")) user.home = fs::path(*home);
  if (user.name.empty()) user.name = user.home.filename().u8string();
  return user;
}

std::vector<UserAccount> SystemEnvironment::AllUsers() const {
  // Every account that has logged on has a ProfileList entry with its profile folder
  // (HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList\<SID>\ProfileImagePath, a
  // REG_EXPAND_SZ); the folders of ProfilesDirectory (default %SystemDrive%\Users) catch homes
  // whose entry is missing, e.g. after a profile was copied over.
  const std::wstring list = L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList";
  std::vector<fs::path> homes;
  for (const std::wstring& sid : RegistrySubkeys(HKEY_LOCAL_MACHINE, list, KEY_WOW64_64KEY)) {
    // Only real accounts (S-1-5-21-...); S-1-5-18/19/20 are the system service accounts.
    if (sid.rfind(L"S-1-5-21-", 0) != 0) continue;
    if (auto path = ReadRegistryString(HKEY_LOCAL_MACHINE, list + L"\\" + sid, L"ProfileImagePath",
                                       KEY_WOW64_64KEY)) {
      homes.emplace_back(*path);
    }
  }
  std::wstring profiles_dir =
      ReadRegistryString(HKEY_LOCAL_MACHINE, list, L"ProfilesDirectory", KEY_WOW64_64KEY)
          .value_or(WideVariable(L"SystemDrive").value_or(L"C:") + L"\\Users");
  WIN32_FIND_DATAW entry;
  HANDLE find = FindFirstFileExW((profiles_dir + L"\\*").c_str(), FindExInfoBasic, &entry,
                                 FindExSearchLimitToDirectories, nullptr, 0);
  if (find != INVALID_HANDLE_VALUE) {
    do {
      const std::wstring name = entry.cFileName;
      if (!(entry.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || name == L"." || name == L".." ||
          IsSharedProfileFolder(name)) {
        continue;
      }
      homes.push_back(fs::path(profiles_dir) / name);
    } while (FindNextFileW(find, &entry));
    FindClose(find);
  }
  std::vector<UserAccount> users;
  std::set<std::wstring> seen;  // paths compare case-insensitively on Windows
  for (const fs::path& home : homes) {
    if (!seen.insert(Lowercase(home.lexically_normal().wstring())).second) continue;
    users.push_back(AccountAt(home.lexically_normal()));
  }
  return users;
}

bool SystemEnvironment::IsAdmin() const {
  // An administrator's processes run with a filtered token until elevated (UAC); only the
  // elevated token may write to Program Files and HKLM.
  return ProcessIsElevated();
}

bool SystemEnvironment::ElevatesByUac() const { return true; }

bool SystemEnvironment::IsProfileInUse(const fs::path& host_dir) const {
  // toolkit/profile/nsProfileLock.cpp (Windows): a running Firefox holds <profile>\parent.lock
  // open with no sharing (CreateFileW share mode 0, FILE_FLAG_DELETE_ON_CLOSE). So it is in use
  // exactly when opening the file fails with a sharing violation; a crash leaves the file behind
  // but nobody holding it, which does not count.
  const fs::path lock = host_dir / L"parent.lock";
  HANDLE file = CreateFileW(lock.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING,
                            FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) return GetLastError() == ERROR_SHARING_VIOLATION;
  CloseHandle(file);
  return false;
}

}  // namespace gcatrust
