// SystemEnvironment on Windows, against the real registry and folders of the wine prefix: Firefox
// found from the keys its installers write, accounts from the user folders, parent.lock, UTF-8
// environment variables.
#include <gtest/gtest.h>
#include <windows.h>

#include <algorithm>
#include <filesystem>

#include "platform/system_environment.h"

namespace gcatrust {
namespace {

namespace fs = std::filesystem;

// Writes one REG_SZ value, creating its key (in the given view), like a Firefox installer does.
void SetValue(HKEY hive, const std::wstring& key, const std::wstring& name,
              const std::wstring& value, REGSAM view) {
  HKEY handle = nullptr;
  ASSERT_EQ(RegCreateKeyExW(hive, key.c_str(), 0, nullptr, 0, KEY_WRITE | view, nullptr, &handle,
                            nullptr),
            ERROR_SUCCESS);
  ASSERT_EQ(
      RegSetValueExW(handle, name.c_str(), 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()),
                     static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t))),
      ERROR_SUCCESS);
  RegCloseKey(handle);
}

void DeleteKey(HKEY hive, const std::wstring& key, REGSAM view) {
  HKEY parent = nullptr;
  if (RegOpenKeyExW(hive, key.substr(0, key.rfind(L'\\')).c_str(), 0, KEY_ALL_ACCESS | view,
                    &parent) == ERROR_SUCCESS) {
    RegDeleteTreeW(parent, key.substr(key.rfind(L'\\') + 1).c_str());
    RegCloseKey(parent);
  }
}

bool HasCandidate(const std::vector<InstallCandidate>& candidates, const fs::path& dir) {
  return std::any_of(candidates.begin(), candidates.end(),
                     [&](const InstallCandidate& c) { return c.dir == dir.lexically_normal(); });
}

class SystemEnvironmentWin : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / (L"gcatrust-env-" + std::to_wstring(GetCurrentProcessId()));
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
  SystemEnvironment env_;
};

TEST_F(SystemEnvironmentWin, FirefoxFromTheRegistryInEveryHiveAndView) {
  struct Install {
    HKEY hive;
    REGSAM view;
    std::wstring product, version;
    fs::path dir;
  };
  const Install installs[] = {
      {HKEY_LOCAL_MACHINE, KEY_WOW64_64KEY, L"Mozilla Firefox", L"128.0 (x64 zh-TW)",
       root_ / L"Mozilla Firefox"},
      {HKEY_LOCAL_MACHINE, KEY_WOW64_32KEY, L"Mozilla Firefox ESR", L"115.9.0esr (x86 en-US)",
       root_ / L"Firefox ESR 32"},
      {HKEY_CURRENT_USER, KEY_WOW64_64KEY, L"Nightly", L"130.0a1 (x64 zh-TW)",
       root_ / L"王小明 Nightly"},
      {HKEY_CURRENT_USER, KEY_WOW64_64KEY, L"Firefox Developer Edition", L"129.0b1 (x64 en-US)",
       root_ / L"Developer Edition"},
  };
  for (const Install& i : installs) {
    const std::wstring product_key = L"SOFTWARE\\Mozilla\\" + i.product;
    SetValue(i.hive, product_key, L"CurrentVersion", i.version, i.view);
    SetValue(i.hive, product_key + L"\\" + i.version + L"\\Main", L"Install Directory",
             i.dir.wstring(), i.view);
  }
  // A version key that is not CurrentVersion still counts (side-by-side installs).
  SetValue(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Mozilla\\Mozilla Firefox\\127.0 (x64 en-US)\\Main",
           L"Install Directory", (root_ / L"Old Firefox").wstring(), KEY_WOW64_64KEY);

  // The 32-bit key lives in the WOW6432Node view only: the 64-bit view does not see it.
  HKEY probe = nullptr;
  EXPECT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Mozilla\\Mozilla Firefox ESR", 0,
                          KEY_READ | KEY_WOW64_64KEY, &probe),
            ERROR_FILE_NOT_FOUND);

  const std::vector<InstallCandidate> candidates = env_.FirefoxInstallCandidates();
  for (const Install& i : installs) {
    DeleteKey(i.hive, L"SOFTWARE\\Mozilla\\" + i.product, i.view);
  }
  for (const Install& i : installs) {
    EXPECT_TRUE(HasCandidate(candidates, i.dir)) << i.dir.u8string();
  }
  EXPECT_TRUE(HasCandidate(candidates, root_ / L"Old Firefox"));
  // The current version comes before the other one.
  auto position = [&](const fs::path& dir) {
    return std::find_if(candidates.begin(), candidates.end(),
                        [&](const InstallCandidate& c) { return c.dir == dir; }) -
           candidates.begin();
  };
  EXPECT_LT(position(root_ / L"Mozilla Firefox"), position(root_ / L"Old Firefox"));
}

TEST_F(SystemEnvironmentWin, DefaultFoldersFromTheEnvironment) {
  ASSERT_TRUE(SetEnvironmentVariableW(L"LOCALAPPDATA", (root_ / L"王小明 Local").c_str()));
  const std::vector<InstallCandidate> candidates = env_.FirefoxInstallCandidates();
  EXPECT_TRUE(HasCandidate(candidates, root_ / L"王小明 Local" / L"Mozilla Firefox"));
  wchar_t program_files[MAX_PATH];
  ASSERT_GT(GetEnvironmentVariableW(L"ProgramFiles", program_files, MAX_PATH), 0u);
  EXPECT_TRUE(HasCandidate(candidates, fs::path(program_files) / L"Mozilla Firefox"));
}

TEST_F(SystemEnvironmentWin, VariablesAreUtf8) {
  ASSERT_TRUE(SetEnvironmentVariableW(L"GCATRUST_TEST_NAME", L"王小明"));
  EXPECT_EQ(env_.GetVariable("GCATRUST_TEST_NAME"), std::optional<std::string>("王小明"));
  EXPECT_EQ(env_.GetVariable("GCATRUST_NO_SUCH_VARIABLE"), std::nullopt);
}

TEST_F(SystemEnvironmentWin, ProfileRootIsUnderAppDataRoaming) {
  const std::vector<fs::path> roots = env_.ProfileRootsInHome();
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_EQ(roots[0], fs::path(L"AppData\\Roaming\\Mozilla\\Firefox"));
  const UserAccount me = env_.CurrentUser();
  EXPECT_FALSE(me.name.empty());
  wchar_t appdata[MAX_PATH];
  ASSERT_GT(GetEnvironmentVariableW(L"APPDATA", appdata, MAX_PATH), 0u);
  EXPECT_EQ((me.home / L"AppData" / L"Roaming").lexically_normal(),
            fs::path(appdata).lexically_normal());
}

TEST_F(SystemEnvironmentWin, AllUsersFindsAUserFolderWithAChineseName) {
  wchar_t profile[MAX_PATH];
  ASSERT_GT(GetEnvironmentVariableW(L"USERPROFILE", profile, MAX_PATH), 0u);
  const fs::path home = fs::path(profile).parent_path() / L"王小明";
  const bool made = fs::create_directory(home);
  const std::vector<UserAccount> users = env_.AllUsers();
  if (made) fs::remove(home);
  auto named = [&](const std::string& name) {
    return std::find_if(users.begin(), users.end(),
                        [&](const UserAccount& u) { return u.name == name; });
  };
  auto wang = named("王小明");
  ASSERT_NE(wang, users.end());
  EXPECT_EQ(wang->home, home);
  EXPECT_NE(named(env_.CurrentUser().name), users.end());
  EXPECT_EQ(named("Public"), users.end());  // a shared folder, not an account
}

TEST_F(SystemEnvironmentWin, ProfileInUseWhileParentLockIsHeld) {
  const fs::path profile = root_ / L"Profiles" / L"abcd1234.default-release";
  fs::create_directories(profile);
  EXPECT_FALSE(env_.IsProfileInUse(profile));  // no parent.lock at all
  // What a running Firefox does (nsProfileLock.cpp): parent.lock open with no sharing.
  HANDLE lock = CreateFileW((profile / L"parent.lock").c_str(), GENERIC_READ, 0, nullptr,
                            OPEN_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, nullptr);
  ASSERT_NE(lock, INVALID_HANDLE_VALUE);
  EXPECT_TRUE(env_.IsProfileInUse(profile));
  CloseHandle(lock);
  EXPECT_FALSE(env_.IsProfileInUse(profile));
  // A crashed Firefox leaves the file behind, held by nobody.
  HANDLE stale = CreateFileW((profile / L"parent.lock").c_str(), GENERIC_WRITE, 0, nullptr,
                             CREATE_ALWAYS, 0, nullptr);
  ASSERT_NE(stale, INVALID_HANDLE_VALUE);
  CloseHandle(stale);
  EXPECT_FALSE(env_.IsProfileInUse(profile));
}

}  // namespace
}  // namespace gcatrust
