// ParsePasswdFile reads an image's /etc/passwd.
#include "installer/profiles/passwd_file.h"

#include <gtest/gtest.h>

namespace gcatrust {
namespace {

TEST(PasswdFileTest, ParsesAccounts) {
  Result<std::vector<UserAccount>> users = ParsePasswdFile(
      "root:x:0:0:root:/root:/bin/bash\n"
      "# comment\n"
      "\n"
      "王小明:x:1001:1001:王小明,,,:/home/王小明:/bin/bash\r\n"
      "+@netgroup\n"
      "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin");
  ASSERT_TRUE(users.ok()) << users.message();
  ASSERT_EQ(users.value().size(), 3u);
  EXPECT_EQ(users.value()[0].name, "root");
  EXPECT_EQ(users.value()[0].uid, 0u);
  EXPECT_EQ(users.value()[0].home, "/root");
  EXPECT_EQ(users.value()[1].name, "王小明");
  EXPECT_EQ(users.value()[1].uid, 1001u);
  EXPECT_EQ(users.value()[1].gid, 1001u);
  EXPECT_EQ(users.value()[1].home, std::filesystem::u8path("/home/王小明"));
  EXPECT_EQ(users.value()[2].uid, 65534u);
}

TEST(PasswdFileTest, EmptyFileHasNoUsers) {
  Result<std::vector<UserAccount>> users = ParsePasswdFile("");
  ASSERT_TRUE(users.ok());
  EXPECT_TRUE(users.value().empty());
}

TEST(PasswdFileTest, MalformedLinesFailNamingTheLine) {
  Result<std::vector<UserAccount>> short_line =
      ParsePasswdFile("root:x:0:0:root:/root:/bin/sh\nbad:x:1\n");
  ASSERT_FALSE(short_line.ok());
  EXPECT_NE(short_line.message().find("line 2"), std::string::npos) << short_line.message();

  EXPECT_FALSE(ParsePasswdFile("u:x:abc:0::/home/u:/bin/sh\n").ok());
  EXPECT_FALSE(ParsePasswdFile("u:x:-1:0::/home/u:/bin/sh\n").ok());
  EXPECT_FALSE(ParsePasswdFile("u:x:1:0::/home/u:/bin/sh:extra\n").ok());
}

}  // namespace
}  // namespace gcatrust
