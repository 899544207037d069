#include "installer/firefox_discovery.h"

#include <gtest/gtest.h>

#include "installer/policy_targets.h"
#include "tests/support/fake_environment.h"
#include "tests/support/fake_file_system.h"

namespace gcatrust {
namespace {

class DiscoveryTest : public ::testing::Test {
 protected:
  void AddFirefox(const fs::path& dir, const char* exe = "firefox") {
    fs_.AddFile(dir / "application.ini", "[App]\nName=Firefox\n");
    fs_.AddFile(dir / exe, "ELF");
  }
  std::vector<FirefoxInstallation> Discover() { return DiscoverFirefox(fs_, env_, root_); }

  FakeFileSystem fs_;
  FakeEnvironment env_;
  SystemRoot root_;
};

TEST_F(DiscoveryTest, FindsPackagesTarballsSnapAndPath) {
  env_.candidates = {{"/usr/lib/firefox-esr", InstallKind::kPackage},
                     {"/usr/lib/firefox", InstallKind::kPackage},
                     {"/opt", InstallKind::kTarball, true},
                     {"/snap/firefox/current/usr/lib/firefox", InstallKind::kSnap}};
  AddFirefox("/usr/lib/firefox-esr", "firefox-esr");
  AddFirefox("/opt/firefox");                // tarball unpacked as /opt/firefox
  AddFirefox("/opt/mozilla/firefox");        // or one level deeper
  fs_.AddFile("/opt/notes/readme.txt", "");  // not a Firefox
  AddFirefox("/home/王小明/apps/firefox");   // only on PATH
  fs_.AddSymlink("/home/王小明/bin/firefox", "/home/王小明/apps/firefox/firefox");
  env_.variables["PATH"] = "/usr/bin:/home/王小明/bin";

  auto found = Discover();
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].dir, "/usr/lib/firefox-esr");
  EXPECT_EQ(found[1].dir, "/opt/firefox");
  EXPECT_EQ(found[2].dir, "/opt/mozilla/firefox");
  EXPECT_EQ(found[3].dir, "/home/王小明/apps/firefox");
  EXPECT_EQ(found[3].kind, InstallKind::kOnPath);
}

TEST_F(DiscoveryTest, AnInstallationReachedTwiceIsListedOnce) {
  env_.candidates = {{"/usr/lib/firefox-esr", InstallKind::kPackage}};
  AddFirefox("/usr/lib/firefox-esr", "firefox-esr");
  fs_.AddSymlink("/usr/bin/firefox-esr", "/usr/lib/firefox-esr/firefox-esr");
  env_.variables["PATH"] = "/usr/bin";
  EXPECT_EQ(Discover().size(), 1u);
}

TEST_F(DiscoveryTest, ImageRootIsSearchedAndPathIgnored) {
  root_ = SystemRoot("/mnt/image");
  env_.candidates = {{"/usr/lib/firefox-esr", InstallKind::kPackage}};
  AddFirefox("/mnt/image/usr/lib/firefox-esr", "firefox-esr");
  AddFirefox("/usr/lib/firefox-esr", "firefox-esr");  // the running system's: not ours to touch
  AddFirefox("/elsewhere/firefox");
  env_.variables["PATH"] = "/elsewhere/firefox";
  auto found = Discover();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].dir, "/usr/lib/firefox-esr");  // as the image's system sees it
}

TEST_F(DiscoveryTest, ApplicationIniAloneIsNotAnInstallation) {
  env_.candidates = {{"/usr/lib/firefox", InstallKind::kPackage}};
  fs_.AddFile("/usr/lib/firefox/application.ini", "");
  EXPECT_TRUE(Discover().empty());
}

TEST(PolicyTargets, DistributionFileWhenEtcIsAbsent) {
  FakeFileSystem fs;
  auto targets = ChoosePolicyTargets(
      {{"/opt/firefox", InstallKind::kTarball}, {"/usr/lib/firefox-esr", InstallKind::kPackage}},
      fs, SystemRoot());
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].policies_file, "/opt/firefox/distribution/policies.json");
  EXPECT_EQ(targets[0].cert_dir, "/opt/firefox/distribution/certificates");
}

TEST(PolicyTargets, EtcFileShadowsDistributionAndIsShared) {
  FakeFileSystem fs;
  fs.AddFile("/etc/firefox/policies/policies.json", "{}");
  auto targets = ChoosePolicyTargets(
      {{"/opt/firefox", InstallKind::kTarball}, {"/usr/lib/firefox-esr", InstallKind::kPackage}},
      fs, SystemRoot());
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].policies_file, kSystemPoliciesFile);
  EXPECT_EQ(targets[0].cert_dir, kSystemCertDir);
  EXPECT_EQ(targets[0].installations.size(), 2u);
}

TEST(PolicyTargets, SnapNeedsEtcAndThenEveryoneReadsIt) {
  FakeFileSystem fs;
  auto targets = ChoosePolicyTargets({{"/snap/firefox/current/usr/lib/firefox", InstallKind::kSnap},
                                      {"/opt/firefox", InstallKind::kTarball}},
                                     fs, SystemRoot());
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].policies_file, kSystemPoliciesFile);
}

TEST(PolicyTargets, CreatingTheEtcFileForASnapNamesTheDistributionFilesItShadows) {
  FakeFileSystem fs;
  fs.AddFile("/opt/firefox/distribution/policies.json",
             R"({"policies": {"DisableTelemetry": true}})");
  auto targets = ChoosePolicyTargets({{"/snap/firefox/current/usr/lib/firefox", InstallKind::kSnap},
                                      {"/opt/firefox", InstallKind::kTarball}},
                                     fs, SystemRoot());
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].shadowed_files,
            (std::vector<fs::path>{"/opt/firefox/distribution/policies.json"}));
  // Once /etc/firefox/policies/policies.json exists, nothing new is shadowed.
  fs.AddFile("/etc/firefox/policies/policies.json", "{}");
  targets = ChoosePolicyTargets({{"/opt/firefox", InstallKind::kTarball}}, fs, SystemRoot());
  EXPECT_TRUE(targets[0].shadowed_files.empty());
}

TEST(PolicyTargets, FlatpakUsesTheSystemconfigExtensionWithSandboxPaths) {
  FakeFileSystem fs;
  fs.AddDirectory("/var/lib/flatpak/app/org.mozilla.firefox/aarch64/stable");
  fs.AddSymlink("/var/lib/flatpak/app/org.mozilla.firefox/current",
                "/var/lib/flatpak/app/org.mozilla.firefox/aarch64/stable");
  auto targets = ChoosePolicyTargets(
      {{"/var/lib/flatpak/app/org.mozilla.firefox/current/active/files/lib/firefox",
        InstallKind::kFlatpak}},
      fs, SystemRoot());
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].policies_file,
            "/var/lib/flatpak/extension/org.mozilla.firefox.systemconfig/aarch64/stable/policies/"
            "policies.json");
  EXPECT_EQ(targets[0].cert_dir_in_firefox, "/app/etc/firefox/certificates");
}

}  // namespace
}  // namespace gcatrust
