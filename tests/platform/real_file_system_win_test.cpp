// RealFileSystem on Windows, on real folders (under wine): Chinese names and spaces, the atomic
// replace, listing, removal, and the errors that tell "not found" apart.
#include <gtest/gtest.h>
#include <windows.h>

#include <filesystem>
#include <fstream>

#include "platform/real_file_system.h"

namespace gcatrust {
namespace {

class RealFileSystemWin : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (L"gcatrust 王小明 的設定 " + std::to_wstring(GetCurrentProcessId()));
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_));
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::vector<std::string> Names() {
    auto names = files_.ListDirectory(dir_);
    return names.ok() ? names.value() : std::vector<std::string>{"<error>"};
  }

  fs::path dir_;
  RealFileSystem files_;
};

TEST_F(RealFileSystemWin, WritesReadsAndListsChineseNames) {
  const fs::path nested = dir_ / L"Mozilla Firefox" / L"distribution";
  ASSERT_TRUE(files_.MakeDirectories(nested).ok());
  EXPECT_TRUE(files_.IsDirectory(nested));
  const fs::path file = nested / L"政策 policies.json";
  ASSERT_TRUE(files_.WriteFileAtomic(file, "{\"policies\":{}}\n").ok());
  auto read = files_.ReadFile(file);
  ASSERT_TRUE(read.ok()) << read.message();
  EXPECT_EQ(read.value(), "{\"policies\":{}}\n");  // bytes exactly: no "\r\n"
  auto names = files_.ListDirectory(nested);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names.value(), std::vector<std::string>{"政策 policies.json"});
  // The same file through the UTF-8 name the core would build from a listing.
  EXPECT_TRUE(files_.Exists(nested / fs::u8path(names.value()[0])));
}

TEST_F(RealFileSystemWin, AtomicReplaceLeavesOnlyTheNewContent) {
  const fs::path file = dir_ / L"policies.json";
  std::ofstream(file, std::ios::binary) << "old contents that are longer than the new ones";
  ASSERT_TRUE(files_.WriteFileAtomic(file, "new").ok());
  EXPECT_EQ(files_.ReadFile(file).value(), "new");
  EXPECT_EQ(Names(), std::vector<std::string>{"policies.json"});  // no temporary file left
  // Replacing again, and a large file.
  const std::string big(5 * 1024 * 1024 + 7, 'z');
  ASSERT_TRUE(files_.WriteFileAtomic(file, big).ok());
  EXPECT_EQ(files_.ReadFile(file).value(), big);
  EXPECT_EQ(Names(), std::vector<std::string>{"policies.json"});
}

TEST_F(RealFileSystemWin, ReplaceKeepsTheOldFilesAttributes) {
  const fs::path file = dir_ / L"policies.json";
  std::ofstream(file, std::ios::binary) << "old";
  ASSERT_TRUE(SetFileAttributesW(file.c_str(), FILE_ATTRIBUTE_HIDDEN));
  ASSERT_TRUE(files_.WriteFileAtomic(file, "new").ok());
  EXPECT_EQ(files_.ReadFile(file).value(), "new");
  EXPECT_NE(GetFileAttributesW(file.c_str()) & FILE_ATTRIBUTE_HIDDEN, 0u);
}

TEST_F(RealFileSystemWin, AFolderInTheWayIsAnErrorAndNothingChanges) {
  const fs::path target = dir_ / L"policies.json";
  ASSERT_TRUE(fs::create_directory(target));
  Status status = files_.WriteFileAtomic(target, "x");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(fs::is_directory(target));
  EXPECT_EQ(Names(), std::vector<std::string>{"policies.json"});

  std::ofstream(dir_ / L"file", std::ios::binary) << "x";
  EXPECT_FALSE(files_.MakeDirectories(dir_ / L"file" / L"sub").ok());
}

TEST_F(RealFileSystemWin, MissingThingsAreNotFound) {
  auto read = files_.ReadFile(dir_ / L"缺少.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().kind(), ErrorKind::kNotFound);
  EXPECT_NE(read.message().find("缺少.json"), std::string::npos) << read.message();
  EXPECT_FALSE(files_.Exists(dir_ / L"缺少.json"));
  EXPECT_FALSE(files_.ListDirectory(dir_ / L"缺少").ok());
  EXPECT_TRUE(files_.RemoveFile(dir_ / L"缺少.json").ok());
  EXPECT_TRUE(files_.RemoveEmptyDirectory(dir_ / L"缺少").ok());
}

TEST_F(RealFileSystemWin, RemovesFilesAndOnlyEmptyFolders) {
  const fs::path sub = dir_ / L"certificates";
  ASSERT_TRUE(files_.MakeDirectories(sub).ok());
  ASSERT_TRUE(files_.WriteFileAtomic(sub / L"gcatrust-grca2.der", "der").ok());
  ASSERT_TRUE(files_.RemoveEmptyDirectory(sub).ok());
  EXPECT_TRUE(files_.IsDirectory(sub));  // not empty: kept
  ASSERT_TRUE(files_.RemoveFile(sub / L"gcatrust-grca2.der").ok());
  ASSERT_TRUE(files_.RemoveEmptyDirectory(sub).ok());
  EXPECT_FALSE(files_.Exists(sub));
}

TEST_F(RealFileSystemWin, ResolvesTheFinalPathOfMissingTails) {
  const fs::path resolved = files_.ResolveSymlinks(dir_ / L"not yet" / L"policies.json");
  EXPECT_EQ(resolved, files_.ResolveSymlinks(dir_) / L"not yet" / L"policies.json");
  EXPECT_TRUE(resolved.is_absolute());
  EXPECT_EQ(resolved.filename(), L"policies.json");
}

TEST_F(RealFileSystemWin, WritableJudgedOnTheNearestExistingFolder) {
  EXPECT_TRUE(files_.IsWritableDirectory(dir_));
  EXPECT_TRUE(files_.IsWritableDirectory(dir_ / L"a" / L"b"));
  std::ofstream(dir_ / L"file", std::ios::binary) << "x";
  EXPECT_FALSE(files_.IsWritableDirectory(dir_ / L"file"));
}

TEST_F(RealFileSystemWin, AFolderWhoseAclDeniesWritingIsNotWritable) {
  // What Program Files is to a non-elevated user: an ACL without the right to add files. Here a
  // DACL that grants read access only to Everyone (S-1-1-0).
  const fs::path locked = dir_ / L"Program Files";
  ASSERT_TRUE(fs::create_directory(locked));
  SECURITY_DESCRIPTOR descriptor;
  ASSERT_TRUE(InitializeSecurityDescriptor(&descriptor, SECURITY_DESCRIPTOR_REVISION));
  SID_IDENTIFIER_AUTHORITY world = SECURITY_WORLD_SID_AUTHORITY;
  PSID everyone = nullptr;
  ASSERT_TRUE(
      AllocateAndInitializeSid(&world, 1, SECURITY_WORLD_RID, 0, 0, 0, 0, 0, 0, 0, &everyone));
  alignas(DWORD) BYTE acl_buffer[256];
  PACL acl = reinterpret_cast<PACL>(acl_buffer);
  ASSERT_TRUE(InitializeAcl(acl, sizeof acl_buffer, ACL_REVISION));
  ASSERT_TRUE(
      AddAccessAllowedAce(acl, ACL_REVISION, FILE_GENERIC_READ | FILE_GENERIC_EXECUTE, everyone));
  ASSERT_TRUE(SetSecurityDescriptorDacl(&descriptor, TRUE, acl, FALSE));
  ASSERT_TRUE(SetFileSecurityW(locked.c_str(), DACL_SECURITY_INFORMATION, &descriptor));
  FreeSid(everyone);
  EXPECT_FALSE(files_.IsWritableDirectory(locked));
  EXPECT_FALSE(files_.IsWritableDirectory(locked / L"Mozilla Firefox" / L"distribution"));
  EXPECT_TRUE(files_.IsWritableDirectory(dir_));
}

}  // namespace
}  // namespace gcatrust
