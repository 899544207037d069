// CheckProfileIsSafe refuses symlinks out of the home, dangling links and foreign owners.
#include "installer/profiles/profile_safety.h"

#include <gtest/gtest.h>

#include <map>

#include "installer/image_file_system.h"
#include "tests/support/fake_file_system.h"

namespace gcatrust {
namespace {

class ProfileSafetyTest : public ::testing::Test {
 protected:
  ProfileSafetyTest() {
    profile_.dir = "/home/alice/.mozilla/firefox/a.default";
    profile_.owner = {"alice", 1001, 1001, "/home/alice"};
    fs_.AddFile(profile_.dir / "cert9.db", "db");
    fs_.AddFile(profile_.dir / "key4.db", "db");
    Own(profile_.dir, 1001);
    Own(profile_.dir / "cert9.db", 1001);
    Own(profile_.dir / "key4.db", 1001);
  }
  void Own(const fs::path& path, std::uint32_t uid, bool is_symlink = false) {
    facts_[path] = FileOwner{is_symlink, uid};
  }
  // Acting as root unless told otherwise.
  Status Check(const SystemRoot& root = SystemRoot(), std::uint32_t acting_uid = 0) {
    return CheckProfileIsSafe(
        fs_, profile_, root,
        [this](const fs::path& path) -> std::optional<FileOwner> {
          auto it = facts_.find(path);
          if (it == facts_.end()) return std::nullopt;
          return it->second;
        },
        acting_uid);
  }

  FakeFileSystem fs_;
  FirefoxProfile profile_;
  std::map<fs::path, FileOwner> facts_;
};

TEST_F(ProfileSafetyTest, OrdinaryProfileIsSafe) { EXPECT_TRUE(Check().ok()); }

TEST_F(ProfileSafetyTest, SymlinkInsideTheHomeIsSafe) {
  fs_.AddFile("/home/alice/backup/cert8.db", "db");
  fs_.AddSymlink(profile_.dir / "cert8.db", "/home/alice/backup/cert8.db");
  Own(profile_.dir / "cert8.db", 1001, /*is_symlink=*/true);
  EXPECT_TRUE(Check().ok());
}

TEST_F(ProfileSafetyTest, DatabaseLinkedOutsideTheHomeIsRefused) {
  fs_.AddFile("/etc/shadow", "root:...");
  fs_.AddSymlink(profile_.dir / "key3.db", "/etc/shadow");
  Own(profile_.dir / "key3.db", 0, /*is_symlink=*/true);
  Status status = Check();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("/etc/shadow"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("alice"), std::string::npos) << status.message();
}

TEST_F(ProfileSafetyTest, OwnLinkOutsideTheHomeIsRefusedToo) {
  // Even a target alice owns: root must not write outside her home on her behalf.
  fs_.AddFile("/srv/shared/cert9.db", "db");
  fs_.AddSymlink("/home/alice/.mozilla/firefox/l.default", "/srv/shared");
  profile_.dir = "/home/alice/.mozilla/firefox/l.default";
  Own(profile_.dir, 1001, /*is_symlink=*/true);
  Status status = Check();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("/srv/shared"), std::string::npos) << status.message();
}

TEST_F(ProfileSafetyTest, LinkedParentFolderIsRefused) {
  fs_.AddFile("/etc/firefox-owned-by-root/p/cert9.db", "db");
  fs_.AddSymlink("/home/alice/.mozilla/firefox/escape", "/etc/firefox-owned-by-root");
  profile_.dir = "/home/alice/.mozilla/firefox/escape/p";
  Own(profile_.dir, 0);
  EXPECT_FALSE(Check().ok());
}

TEST_F(ProfileSafetyTest, DanglingLinkIsRefused) {
  fs_.AddSymlink(profile_.dir / "cert9.db-journal", "/etc/cron.d/evil");
  Own(profile_.dir / "cert9.db-journal", 0, /*is_symlink=*/true);
  facts_[profile_.dir / "cert9.db-journal"].uid.reset();
  Status status = Check();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("missing"), std::string::npos) << status.message();
}

TEST_F(ProfileSafetyTest, ForeignOwnerIsRefused) {
  Own(profile_.dir / "cert9.db", 0);  // e.g. a hard link to a root-owned file
  Status status = Check();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("uid 0"), std::string::npos) << status.message();

  Own(profile_.dir / "cert9.db", 1001);
  Own(profile_.dir, 1002);  // a folder of someone else
  EXPECT_FALSE(Check().ok());
}

TEST_F(ProfileSafetyTest, RootFolderNamedInProfilesIniIsRefused) {
  // profiles.ini: IsRelative=0, Path=/etc. Root would create cert9.db in /etc.
  profile_.dir = "/etc";
  fs_.AddDirectory("/etc");
  Own("/etc", 0);
  Status status = Check();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("owned by uid 0"), std::string::npos) << status.message();
}

TEST_F(ProfileSafetyTest, OwnFolderOutsideTheHomeIsSafe) {
  // profiles.ini: IsRelative=0, Path=/data/alice-firefox (a real folder, no symlink).
  profile_.dir = "/data/alice-firefox";
  fs_.AddFile("/data/alice-firefox/cert9.db", "db");
  Own("/data/alice-firefox", 1001);
  Own("/data/alice-firefox/cert9.db", 1001);
  EXPECT_TRUE(Check().ok());
}

TEST_F(ProfileSafetyTest, NothingToCheckWhenActingAsTheOwner) {
  fs_ = FakeFileSystem();
  fs_.AddFile("/mnt/disk/firefox/a.default/cert9.db", "db");
  fs_.AddSymlink("/home/alice/.mozilla", "/mnt/disk");             // ~/.mozilla on another disk
  EXPECT_FALSE(Check().ok());                                      // as root: refused
  EXPECT_TRUE(Check(SystemRoot(), /*acting_uid=*/1001).ok());      // as alice: her own business
  EXPECT_FALSE(Check(SystemRoot("/"), /*acting_uid=*/1001).ok());  // an image: always checked
}

TEST_F(ProfileSafetyTest, UnknownOwnersStillGetTheSymlinkChecks) {
  facts_.clear();  // what the real inspector says of paths that exist only in a fake
  EXPECT_TRUE(Check().ok());
  fs_.AddFile("/etc/shadow", "root:...");
  fs_.AddSymlink(profile_.dir / "key4.db", "/etc/shadow");
  EXPECT_FALSE(Check().ok());
}

TEST_F(ProfileSafetyTest, HomeBehindASymlinkIsFine) {
  // /home -> /usr/home style setups: the home resolves the same way as the profile.
  fs_ = FakeFileSystem();
  fs_.AddFile("/usr/home/alice/.mozilla/firefox/a.default/cert9.db", "db");
  fs_.AddSymlink("/home", "/usr/home");
  EXPECT_TRUE(Check().ok());
}

TEST_F(ProfileSafetyTest, ImagePathsAreCheckedOnTheHost) {
  const SystemRoot root("/mnt/image");
  const fs::path host_dir = root.Host(profile_.dir);
  fs_.AddFile(host_dir / "cert9.db", "db");
  facts_.clear();
  Own(host_dir, 1001);
  Own(host_dir / "cert9.db", 1001);
  EXPECT_TRUE(Check(root).ok());

  // An absolute link inside the image points at the host's file.
  fs_.AddFile("/etc/shadow", "root:...");
  fs_.AddSymlink(host_dir / "key4.db", "/etc/shadow");
  Own(host_dir / "key4.db", 0, /*is_symlink=*/true);
  EXPECT_FALSE(Check(root).ok());
}

TEST_F(ProfileSafetyTest, ImageHomesBehindAbsoluteLinksAreResolvedInTheImage) {
  // An ostree-style image: /home -> /var/home (absolute, meant inside the image).
  const SystemRoot root("/mnt/image");
  fs_ = FakeFileSystem();
  const fs::path real_dir = "/mnt/image/var/home/alice/.mozilla/firefox/a.default";
  fs_.AddFile(real_dir / "cert9.db", "db");
  fs_.AddSymlink("/mnt/image/home", "/var/home");
  ImageFileSystem image(fs_, "/mnt/image");
  facts_.clear();
  Own(real_dir / "cert9.db", 1001);
  auto check = [&] {
    return CheckProfileIsSafe(image, profile_, root, [this](const fs::path& path) {
      auto it = facts_.find(path);
      return it == facts_.end() ? std::nullopt : std::optional<FileOwner>(it->second);
    });
  };
  EXPECT_TRUE(check().ok()) << check().message();

  Own(real_dir / "key4.db", 0);  // a hard link to a file of root's
  fs_.AddFile(real_dir / "key4.db", "x");
  EXPECT_FALSE(check().ok());
  Own(real_dir / "key4.db", 1001, /*is_symlink=*/true);  // NSS would follow it on this machine
  EXPECT_FALSE(check().ok());
}

}  // namespace
}  // namespace gcatrust
