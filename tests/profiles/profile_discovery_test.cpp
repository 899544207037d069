// DiscoverProfiles on an in-memory file system: every shape of profiles.ini and installs.ini,
// unlisted and legacy profiles, missing folders, non-ASCII paths, several users, images.
#include "installer/profiles/profile_discovery.h"

#include <gtest/gtest.h>

#include "tests/support/fake_environment.h"
#include "tests/support/fake_file_system.h"

namespace gcatrust {
namespace {

constexpr char kCompatibility[] =
    "[Compatibility]\nLastVersion=153.7.0_20261103151912/20261103151912\n"
    "LastOSABI=Linux_x86_64-gcc3\nLastPlatformDir=/usr/lib/firefox-esr\n"
    "LastAppDir=/usr/lib/firefox-esr/browser\n";

class ProfileDiscoveryTest : public ::testing::Test {
 protected:
  void AddProfile(const fs::path& dir, const char* db = "cert9.db") {
    fs_.AddDirectory(dir);
    if (db != nullptr) fs_.AddFile(dir / db, "db");
  }
  std::vector<FirefoxProfile> Discover(const std::vector<UserAccount>& users) {
    return DiscoverProfiles(fs_, env_, root_, users);
  }
  std::vector<FirefoxProfile> Discover() { return Discover({env_.current_user}); }

  FakeFileSystem fs_;
  FakeEnvironment env_;
  SystemRoot root_;
  const fs::path firefox_ = "/home/user/.mozilla/firefox";
};

TEST_F(ProfileDiscoveryTest, NothingWithoutProfileRoots) {
  fs_.AddDirectory("/home/user");
  EXPECT_TRUE(Discover().empty());
}

TEST_F(ProfileDiscoveryTest, RelativeProfileWithCompatibilityIni) {
  fs_.AddFile(firefox_ / "profiles.ini",
              "[General]\nStartWithLastProfile=1\nVersion=2\n\n"
              "[Profile0]\nName=default-esr\nIsRelative=1\nPath=abcd1234.default-esr\nDefault=1\n");
  AddProfile(firefox_ / "abcd1234.default-esr");
  fs_.AddFile(firefox_ / "abcd1234.default-esr/compatibility.ini", kCompatibility);

  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 1u);
  const FirefoxProfile& p = profiles[0];
  EXPECT_EQ(p.dir, firefox_ / "abcd1234.default-esr");
  EXPECT_EQ(p.name, "default-esr");
  EXPECT_EQ(p.db, NssDbFormat::kSql);
  EXPECT_EQ(p.firefox_dir, fs::path("/usr/lib/firefox-esr"));
  EXPECT_EQ(p.owner.name, "user");
  EXPECT_TRUE(p.listed_in_profiles_ini);
  EXPECT_TRUE(p.is_default);
}

// Found by tests/fuzz/profiles_fuzzer: "/data/work/" was not the same folder as "/data/work",
// and its name (the last path element) was empty.
TEST_F(ProfileDiscoveryTest, TrailingSeparatorIsTheSameFolder) {
  fs_.AddFile(firefox_ / "profiles.ini",
              "[Profile0]\nIsRelative=0\nPath=/data/work/\n"
              "[Install4F96D1932A9F858E]\nDefault=/data/work\n");
  AddProfile("/data/work");

  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].dir, fs::path("/data/work"));
  EXPECT_EQ(profiles[0].name, "work");
  EXPECT_TRUE(profiles[0].is_default);
}

TEST_F(ProfileDiscoveryTest, AbsoluteProfileOutsideTheRoot) {
  fs_.AddFile(firefox_ / "profiles.ini",
              "[Profile0]\nName=work\nIsRelative=0\nPath=/data/firefox/work\n");
  AddProfile("/data/firefox/work");

  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].dir, fs::path("/data/firefox/work"));
  EXPECT_EQ(profiles[0].name, "work");
  EXPECT_FALSE(profiles[0].is_default);
  EXPECT_EQ(profiles[0].firefox_dir, std::nullopt);  // no compatibility.ini
}

TEST_F(ProfileDiscoveryTest, SeveralProfilesInFileOrderAndListedWithoutDatabase) {
  fs_.AddFile(firefox_ / "profiles.ini",
              "[Profile1]\nName=second\nIsRelative=1\nPath=b.second\n\n"
              "[Profile0]\nName=first\nIsRelative=1\nPath=a.first\nDefault=1\n\n"
              "[Profile2]\nName=never-started\nIsRelative=1\nPath=c.new\n");
  AddProfile(firefox_ / "a.first");
  AddProfile(firefox_ / "b.second", "cert8.db");
  AddProfile(firefox_ / "c.new", nullptr);

  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 3u);
  EXPECT_EQ(profiles[0].name, "second");
  EXPECT_EQ(profiles[0].db, NssDbFormat::kDbm);
  EXPECT_EQ(profiles[1].name, "first");
  EXPECT_EQ(profiles[1].db, NssDbFormat::kSql);
  EXPECT_TRUE(profiles[1].is_default);
  EXPECT_EQ(profiles[2].name, "never-started");
  EXPECT_EQ(profiles[2].db, NssDbFormat::kNone);
  EXPECT_TRUE(profiles[2].listed_in_profiles_ini);
}

TEST_F(ProfileDiscoveryTest, BothDatabasesMeanSql) {
  fs_.AddFile(firefox_ / "profiles.ini", "[Profile0]\nName=p\nIsRelative=1\nPath=p\n");
  AddProfile(firefox_ / "p", "cert8.db");
  fs_.AddFile(firefox_ / "p/cert9.db", "db");
  ASSERT_EQ(Discover().size(), 1u);
  EXPECT_EQ(Discover()[0].db, NssDbFormat::kSql);
}

TEST_F(ProfileDiscoveryTest, InstallSectionsMarkDefaultsAndAddProfiles) {
  fs_.AddFile(firefox_ / "profiles.ini",
              "[Install4F96D1932A9F858E]\nDefault=a.default-release\nLocked=1\n\n"
              "[Profile0]\nName=default-release\nIsRelative=1\nPath=a.default-release\n\n"
              "[General]\nStartWithLastProfile=1\nVersion=2\n");
  // installs.ini names one more (profiles.ini lost it) and repeats the first.
  fs_.AddFile(firefox_ / "installs.ini",
              "[4F96D1932A9F858E]\nDefault=a.default-release\n\n"
              "[InstallE7CF176E110C211B]\nDefault=b.default-esr\nLocked=1\n");
  AddProfile(firefox_ / "a.default-release");
  AddProfile(firefox_ / "b.default-esr");

  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles[0].name, "default-release");
  EXPECT_TRUE(profiles[0].is_default);
  EXPECT_EQ(profiles[1].dir, firefox_ / "b.default-esr");
  EXPECT_EQ(profiles[1].name, "b.default-esr");  // no Name: the folder name
  EXPECT_TRUE(profiles[1].is_default);
  EXPECT_TRUE(profiles[1].listed_in_profiles_ini);
}

TEST_F(ProfileDiscoveryTest, InstallsIniAloneIsEnough) {
  fs_.AddFile(firefox_ / "installs.ini", "[InstallE7CF176E110C211B]\nDefault=x.default-esr\n");
  AddProfile(firefox_ / "x.default-esr");
  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_TRUE(profiles[0].is_default);
}

TEST_F(ProfileDiscoveryTest, UnlistedFoldersWithADatabaseAreFound) {
  fs_.AddFile(firefox_ / "profiles.ini", "[Profile0]\nName=listed\nIsRelative=1\nPath=listed\n");
  AddProfile(firefox_ / "listed");
  AddProfile(firefox_ / "zz.unlisted");
  AddProfile(firefox_ / "mm.legacy", "cert8.db");
  AddProfile(firefox_ / "Profiles/win.layout");
  AddProfile(firefox_ / "Crash Reports", nullptr);  // no database: not a profile
  AddProfile(firefox_ / "aa bb");
  fs_.AddFile(firefox_ / "times.json", "{}");  // a file: never a profile

  std::vector<FirefoxProfile> profiles = Discover();
  std::vector<std::string> names;
  for (const FirefoxProfile& p : profiles) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"listed", "aa bb", "mm.legacy", "zz.unlisted",
                                             "win.layout"}));
  EXPECT_TRUE(profiles[0].listed_in_profiles_ini);
  EXPECT_FALSE(profiles[2].listed_in_profiles_ini);
  EXPECT_EQ(profiles[2].db, NssDbFormat::kDbm);
  EXPECT_EQ(profiles[4].dir, firefox_ / "Profiles/win.layout");
}

TEST_F(ProfileDiscoveryTest, ProfilesRootWithoutProfilesIni) {
  AddProfile(firefox_ / "only.default");  // e.g. profiles.ini deleted by hand
  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].name, "only.default");
}

TEST_F(ProfileDiscoveryTest, MissingFoldersAreSkipped) {
  fs_.AddFile(firefox_ / "profiles.ini",
              "[Profile0]\nName=gone\nIsRelative=1\nPath=gone\n"
              "[Profile1]\nName=gone-abs\nIsRelative=0\nPath=/mnt/usb/profile\n"
              "[Profile2]\nName=here\nIsRelative=1\nPath=here\n"
              "[Profile3]\nName=no-path\nIsRelative=1\n");
  fs_.AddFile(firefox_ / "installs.ini", "[InstallAB]\nDefault=also-gone\n");
  AddProfile(firefox_ / "here");
  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].name, "here");
}

TEST_F(ProfileDiscoveryTest, ChineseAndSpacesWithCrlfAndBom) {
  env_.current_user = {"王小明", 1001, 1001, fs::u8path("/home/王小明")};
  const fs::path root = fs::u8path("/home/王小明/.mozilla/firefox");
  fs_.AddFile(root / "profiles.ini",
              "\xEF\xBB\xBF[General]\r\nStartWithLastProfile=1\r\n\r\n"
              "[Profile0]\r\nName=預設 設定檔\r\nIsRelative=1\r\nPath=Profiles/ab cd.預設\r\n"
              "Default=1\r\n");
  AddProfile(root / fs::u8path("Profiles/ab cd.預設"));

  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].dir, root / fs::u8path("Profiles/ab cd.預設"));
  EXPECT_EQ(profiles[0].name, "預設 設定檔");
  EXPECT_TRUE(profiles[0].is_default);
  EXPECT_EQ(profiles[0].owner.name, "王小明");
  EXPECT_EQ(profiles[0].db, NssDbFormat::kSql);
}

TEST_F(ProfileDiscoveryTest, EachFolderOnce) {
  // Listed twice (relative and absolute), named by [Install*], and matched by the scan.
  fs_.AddFile(firefox_ / "profiles.ini",
              "[Profile0]\nName=one\nIsRelative=1\nPath=p.one\n"
              "[Profile1]\nName=again\nIsRelative=0\n"
              "Path=/home/user/.mozilla/firefox/p.one\n"
              "[Profile2]\nName=dots\nIsRelative=1\nPath=./sub/../p.one\n"
              "[InstallX]\nDefault=p.one\n");
  AddProfile(firefox_ / "p.one");
  // The XDG root is a link to the classic one: the same profiles, reported once.
  fs_.AddSymlink("/home/user/.config/mozilla/firefox", firefox_);

  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].name, "one");
  EXPECT_TRUE(profiles[0].is_default);
}

TEST_F(ProfileDiscoveryTest, EveryProfileRootIsScanned) {
  AddProfile("/home/user/.mozilla/firefox/a.classic");
  AddProfile("/home/user/.config/mozilla/firefox/b.xdg");
  AddProfile("/home/user/snap/firefox/common/.mozilla/firefox/c.snap");
  AddProfile("/home/user/.var/app/org.mozilla.firefox/.mozilla/firefox/d.flatpak");
  std::vector<FirefoxProfile> profiles = Discover();
  std::vector<std::string> names;
  for (const FirefoxProfile& p : profiles) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a.classic", "b.xdg", "c.snap", "d.flatpak"}));
}

TEST_F(ProfileDiscoveryTest, XdgConfigHomeForTheCurrentUser) {
  env_.variables["XDG_CONFIG_HOME"] = "/home/user/xdg";
  AddProfile("/home/user/.config/mozilla/firefox/a.default");
  AddProfile("/home/user/xdg/mozilla/firefox/b.default");
  AddProfile("/elsewhere/mozilla/firefox/c.default");

  std::vector<FirefoxProfile> profiles = Discover();
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles[0].name, "a.default");
  EXPECT_EQ(profiles[1].dir, fs::path("/home/user/xdg/mozilla/firefox/b.default"));

  // A relative value is invalid (XDG Base Directory spec) and ignored.
  env_.variables["XDG_CONFIG_HOME"] = "relative/xdg";
  EXPECT_EQ(Discover().size(), 1u);

  // Another user, or an admin (sudo -E keeps the caller's variables): only ~/.config.
  env_.variables["XDG_CONFIG_HOME"] = "/home/user/xdg";
  UserAccount other{"other", 1002, 1002, "/home/other"};
  AddProfile("/home/other/.config/mozilla/firefox/o.default");
  EXPECT_EQ(Discover({other}).size(), 1u);
  env_.admin = true;
  EXPECT_EQ(Discover().size(), 1u);
}

TEST_F(ProfileDiscoveryTest, SeveralUsersOwnTheirProfiles) {
  UserAccount alice{"alice", 1001, 1001, "/home/alice"};
  UserAccount bob{"bob", 1002, 1002, "/srv/home/bob"};
  fs_.AddFile("/home/alice/.mozilla/firefox/profiles.ini",
              "[Profile0]\nName=default-esr\nIsRelative=1\nPath=a.default-esr\n");
  AddProfile("/home/alice/.mozilla/firefox/a.default-esr");
  AddProfile("/srv/home/bob/snap/firefox/common/.mozilla/firefox/b.default");

  std::vector<FirefoxProfile> profiles = Discover({alice, bob});
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles[0].owner.name, "alice");
  EXPECT_EQ(profiles[0].owner.uid, 1001u);
  EXPECT_EQ(profiles[1].owner.name, "bob");
  EXPECT_EQ(profiles[1].dir,
            fs::path("/srv/home/bob/snap/firefox/common/.mozilla/firefox/b.default"));
}

TEST_F(ProfileDiscoveryTest, ImageRootGivesSystemPaths) {
  root_ = SystemRoot("/mnt/image");
  env_.variables["XDG_CONFIG_HOME"] = "/home/user/xdg";  // the host's: ignored for images
  UserAccount user{"user", 1000, 1000, "/home/user"};
  fs_.AddFile("/mnt/image/home/user/.mozilla/firefox/profiles.ini",
              "[Profile0]\nName=rel\nIsRelative=1\nPath=r.default\n"
              "[Profile1]\nName=abs\nIsRelative=0\nPath=/data/abs.default\n");
  AddProfile("/mnt/image/home/user/.mozilla/firefox/r.default");
  fs_.AddFile("/mnt/image/home/user/.mozilla/firefox/r.default/compatibility.ini", kCompatibility);
  AddProfile("/mnt/image/data/abs.default", "cert8.db");
  AddProfile("/data/abs.default");  // on the host, not in the image: not this profile
  AddProfile("/mnt/image/home/user/xdg/mozilla/firefox/x.default");

  std::vector<FirefoxProfile> profiles = Discover({user});
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles[0].dir, fs::path("/home/user/.mozilla/firefox/r.default"));
  EXPECT_EQ(profiles[0].firefox_dir, fs::path("/usr/lib/firefox-esr"));
  EXPECT_EQ(profiles[1].dir, fs::path("/data/abs.default"));
  EXPECT_EQ(profiles[1].db, NssDbFormat::kDbm);  // the image's copy
}

TEST(ProfileRootsOfTest, HomeRelativeRootsInOrder) {
  FakeEnvironment env;
  std::vector<fs::path> roots = ProfileRootsOf(env, SystemRoot(), env.current_user);
  EXPECT_EQ(roots, (std::vector<fs::path>{
                       "/home/user/.mozilla/firefox", "/home/user/.config/mozilla/firefox",
                       "/home/user/snap/firefox/common/.mozilla/firefox",
                       "/home/user/.var/app/org.mozilla.firefox/.mozilla/firefox"}));
}

}  // namespace
}  // namespace gcatrust
