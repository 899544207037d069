// UsersToScan: the image's /etc/passwd, every account as admin, or just the caller.
#include "installer/profiles/profile_users.h"

#include <gtest/gtest.h>

#include "tests/support/fake_environment.h"
#include "tests/support/fake_file_system.h"

namespace gcatrust {
namespace {

std::vector<std::string> Names(const std::vector<UserAccount>& users) {
  std::vector<std::string> names;
  for (const UserAccount& user : users) names.push_back(user.name);
  return names;
}

class ProfileUsersTest : public ::testing::Test {
 protected:
  ProfileUsersTest() {
    env_.users = {{"root", 0, 0, "/root"},
                  {"daemon", 1, 1, "/usr/sbin"},
                  {"bin", 2, 2, "/usr/sbin"},  // same home as daemon
                  {"nobody", 65534, 65534, "/nonexistent"},
                  {"user", 1000, 1000, "/home/user"},
                  {"王小明", 1001, 1001, fs::u8path("/home/王小明")}};
    for (const char* dir : {"/root", "/usr/sbin", "/home/user", "/tmp/root-home"}) {
      fs_.AddDirectory(dir);
    }
    fs_.AddDirectory(fs::u8path("/home/王小明"));
  }
  FakeFileSystem fs_;
  FakeEnvironment env_;
};

TEST_F(ProfileUsersTest, OrdinaryUserScansOnlyThemself) {
  EXPECT_EQ(Names(UsersToScan(fs_, env_, SystemRoot())), std::vector<std::string>{"user"});
}

TEST_F(ProfileUsersTest, OrdinaryUserWithoutAHomeScansNobody) {
  env_.current_user.home = "/home/missing";
  EXPECT_TRUE(UsersToScan(fs_, env_, SystemRoot()).empty());
}

TEST_F(ProfileUsersTest, AdminScansEveryAccountWithAHomeOnce) {
  env_.admin = true;
  env_.current_user = {"root", 0, 0, "/root"};
  EXPECT_EQ(Names(UsersToScan(fs_, env_, SystemRoot())),
            (std::vector<std::string>{"root", "daemon", "user", "王小明"}));
}

TEST_F(ProfileUsersTest, AdminWithHomeElsewhereAlsoScansThatHome) {
  env_.admin = true;
  env_.current_user = {"root", 0, 0, "/tmp/root-home"};  // HOME=/tmp/root-home
  std::vector<UserAccount> users = UsersToScan(fs_, env_, SystemRoot());
  ASSERT_EQ(users.size(), 5u);
  EXPECT_EQ(users.back().home, fs::path("/tmp/root-home"));
  EXPECT_EQ(users.back().uid, 0u);
}

TEST_F(ProfileUsersTest, ImageUsesItsOwnPasswd) {
  env_.admin = true;  // ignored: the host's accounts are not the image's
  const SystemRoot root("/mnt/image");
  fs_.AddFile("/mnt/image/etc/passwd",
              "root:x:0:0:root:/root:/bin/bash\r\n"
              "alice:x:1000:1000::/home/alice:/bin/bash\r\n"
              "gone:x:1001:1001::/home/gone:/bin/bash\r\n");
  fs_.AddDirectory("/mnt/image/root");
  fs_.AddDirectory("/mnt/image/home/alice");
  std::vector<UserAccount> users = UsersToScan(fs_, env_, root);
  EXPECT_EQ(Names(users), (std::vector<std::string>{"root", "alice"}));
  EXPECT_EQ(users[1].home, fs::path("/home/alice"));  // a system path, not the host's
  EXPECT_EQ(users[1].uid, 1000u);
}

TEST_F(ProfileUsersTest, ImageWithoutPasswdHasNoUsers) {
  EXPECT_TRUE(UsersToScan(fs_, env_, SystemRoot("/mnt/empty")).empty());
}

}  // namespace
}  // namespace gcatrust
