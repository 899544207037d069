// Thunderbird and Chromium beside Firefox, on a fake root: discovery, policies targets, the NSS
// method's databases (which library, which identity, which folder is created) and --browser.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "installer/app.h"
#include "installer/cli.h"
#include "installer/firefox_discovery.h"
#include "installer/policy_targets.h"
#include "tests/support/fake_environment.h"
#include "tests/support/fake_file_system.h"
#include "tests/support/fake_nss_runner.h"
#include "tests/unit/test_certs.h"

namespace gcatrust {
namespace {

class BrowsersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.current_user = {"王小明", 1000, 1000, "/home/王小明"};
    env_.users = {env_.current_user};
    env_.candidates = {{"/usr/lib/firefox-esr", InstallKind::kPackage}};
    env_.thunderbird_candidates = {
        {"/usr/lib/thunderbird", InstallKind::kPackage},
        {"/opt", InstallKind::kTarball, true},
        {"/snap/thunderbird/current/usr/lib/thunderbird", InstallKind::kSnap}};
    AddInstall("/usr/lib/firefox-esr", "firefox-esr");
    // Debian's layout (seen): thunderbird -> thunderbird-bin, its own NSS, no distribution/.
    AddInstall("/usr/lib/thunderbird", "thunderbird-bin");
  }

  void AddInstall(const fs::path& dir, const char* exe) {
    fs_.AddFile(dir / "application.ini", "[App]\n");
    fs_.AddFile(dir / exe, "ELF");
    fs_.AddFile(dir / "libnss3.so", "");
    fs_.AddFile(dir / "libsoftokn3.so", "");
  }

  /// A profile listed in <home>/<root>/profiles.ini, with a cert9.db.
  fs::path AddProfile(const fs::path& home, const fs::path& root, const std::string& name) {
    const fs::path dir = home / root / name;
    fs_.AddFile(dir / "cert9.db", "db");
    fs_.AddFile(home / root / "profiles.ini",
                "[Profile0]\nName=" + name + "\nIsRelative=1\nPath=" + name + "\n");
    return dir;
  }

  ExitCode Run(Command command, std::vector<Browser> browsers = {}, bool dry_run = false,
               bool json = true) {
    Options o;
    o.command = command;
    o.method = Method::kNss;
    o.dry_run = dry_run;
    o.json = json;
    o.browsers = std::move(browsers);
    o.lang = Lang::kEnglish;
    out_.str("");
    err_.str("");
    AppContext ctx{fs_, env_, out_, err_, nss_};
    return RunCommand(o, certs_, ctx);
  }
  nlohmann::json Output() const { return nlohmann::json::parse(out_.str()); }

  /// The job that holds database (sql:<dir>), or nullptr.
  const FakeNssRunner::Call* JobFor(const fs::path& dir) const {
    for (const auto& call : nss_.jobs) {
      for (const std::string& db : call.job.databases) {
        if (db == "sql:" + dir.u8string()) return &call;
      }
    }
    return nullptr;
  }

  FakeFileSystem fs_;
  FakeEnvironment env_;
  FakeNssRunner nss_;
  std::ostringstream out_, err_;
  std::vector<Certificate> certs_ = TestCerts();
};

TEST_F(BrowsersTest, FindsFirefoxAndThunderbirdEachWithItsApp) {
  AddInstall("/opt/thunderbird", "thunderbird");
  auto found = DiscoverInstallations(fs_, env_, SystemRoot(), {});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].app, Browser::kFirefox);
  EXPECT_EQ(found[1].dir, "/usr/lib/thunderbird");
  EXPECT_EQ(found[1].app, Browser::kThunderbird);
  EXPECT_EQ(found[2].dir, "/opt/thunderbird");
  // A Firefox tarball in /opt is not taken for a Thunderbird and the other way round.
  EXPECT_FALSE(IsInstallationOf(Browser::kFirefox, fs_, "/opt/thunderbird"));

  auto only = DiscoverInstallations(fs_, env_, SystemRoot(), {Browser::kThunderbird});
  ASSERT_EQ(only.size(), 2u);
  EXPECT_EQ(only[0].app, Browser::kThunderbird);
  EXPECT_TRUE(DiscoverInstallations(fs_, env_, SystemRoot(), {Browser::kChromium}).empty());
}

TEST_F(BrowsersTest, ThunderbirdHasItsOwnPolicyFiles) {
  std::vector<FirefoxInstallation> installs = {
      {"/usr/lib/firefox-esr", InstallKind::kPackage, Browser::kFirefox},
      {"/usr/lib/thunderbird", InstallKind::kPackage, Browser::kThunderbird}};
  // /etc/firefox shadows Firefox's distribution file only, not Thunderbird's.
  fs_.AddFile("/etc/firefox/policies/policies.json", "{}");
  auto targets = ChoosePolicyTargets(installs, fs_, SystemRoot());
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].policies_file, kSystemPoliciesFile);
  EXPECT_EQ(targets[1].app, Browser::kThunderbird);
  EXPECT_EQ(targets[1].policies_file, "/usr/lib/thunderbird/distribution/policies.json");

  fs_.AddFile("/etc/thunderbird/policies/policies.json", "{}");
  targets = ChoosePolicyTargets(installs, fs_, SystemRoot());
  EXPECT_EQ(targets[1].policies_file, "/etc/thunderbird/policies/policies.json");
  EXPECT_EQ(targets[1].cert_dir, "/etc/thunderbird/certificates");
}

TEST_F(BrowsersTest, ThunderbirdSnapNeedsEtcThunderbird) {
  auto targets = ChoosePolicyTargets(
      {{"/snap/thunderbird/current/usr/lib/thunderbird", InstallKind::kSnap, Browser::kThunderbird},
       {"/opt/firefox", InstallKind::kTarball, Browser::kFirefox}},
      fs_, SystemRoot());
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].policies_file, kThunderbirdSystemPoliciesFile);
  // The Thunderbird snap does not push Firefox to /etc/firefox.
  EXPECT_EQ(targets[1].policies_file, "/opt/firefox/distribution/policies.json");
}

TEST_F(BrowsersTest, ThunderbirdProfilesUseThunderbirdsNss) {
  const fs::path home = env_.current_user.home;
  const fs::path firefox = AddProfile(home, ".mozilla/firefox", "ff");
  const fs::path thunderbird = AddProfile(home, ".thunderbird", "tb");
  const fs::path snap = AddProfile(home, "snap/thunderbird/common/.thunderbird", "tbsnap");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  ASSERT_NE(JobFor(firefox), nullptr);
  EXPECT_EQ(JobFor(firefox)->job.nss_dir, "/usr/lib/firefox-esr");
  ASSERT_NE(JobFor(thunderbird), nullptr);
  EXPECT_EQ(JobFor(thunderbird)->job.nss_dir, "/usr/lib/thunderbird");
  ASSERT_NE(JobFor(snap), nullptr);
  const auto profiles = Output()["profiles"];
  ASSERT_EQ(profiles.size(), 3u);
  EXPECT_EQ(profiles[1]["app"], "thunderbird");

  nss_.jobs.clear();
  EXPECT_EQ(Run(Command::kInstall, {Browser::kFirefox}), ExitCode::kOk);
  EXPECT_EQ(JobFor(thunderbird), nullptr);
  EXPECT_NE(JobFor(firefox), nullptr);
}

TEST_F(BrowsersTest, EachProfileLineNamesTheApplicationToRestart) {
  const fs::path home = env_.current_user.home;
  const fs::path firefox = AddProfile(home, ".mozilla/firefox", "ff");
  const fs::path thunderbird = AddProfile(home, ".thunderbird", "tb");
  env_.profiles_in_use.insert(thunderbird);
  EXPECT_EQ(Run(Command::kInstall, {}, false, /*json=*/false), ExitCode::kOk);
  const std::string text = out_.str();
  EXPECT_NE(text.find(firefox.u8string() + " (" + env_.current_user.name + ") - restart Firefox"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(thunderbird.u8string() + " [Thunderbird] (" + env_.current_user.name +
                      ") - restart Thunderbird"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Thunderbird is running on this profile: restart Thunderbird"),
            std::string::npos)
      << text;
  EXPECT_EQ(Run(Command::kUninstall, {Browser::kThunderbird}, false, /*json=*/false),
            ExitCode::kOk);
  EXPECT_NE(out_.str().find("[Thunderbird] (" + env_.current_user.name + ") - restart Thunderbird"),
            std::string::npos)
      << out_.str();
  EXPECT_EQ(out_.str().find("Firefox"), std::string::npos) << out_.str();
}

TEST_F(BrowsersTest, ChromiumsExistingDatabaseUsesTheSystemNss) {
  const fs::path db = env_.current_user.home / ".pki/nssdb";
  fs_.AddFile(db / "cert9.db", "db");  // made by anything: Chromium reads it
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  ASSERT_NE(JobFor(db), nullptr);
  EXPECT_EQ(JobFor(db)->job.nss_dir, "");
  EXPECT_TRUE(JobFor(db)->job.create_dirs.empty());
  EXPECT_EQ(Output()["profiles"][0]["app"], "chromium");
}

TEST_F(BrowsersTest, ChromiumsDatabaseIsCreatedOnlyWhereChromiumIsUsed) {
  fs_.AddFile("/usr/bin/chromium", "#!/bin/sh");
  UserAccount other{"other", 1001, 1001, "/home/other"};
  UserAccount service{"www-data", 33, 33, "/var/www"};
  fs_.AddDirectory(other.home / ".config/chromium");  // has started Chromium once
  fs_.AddDirectory(service.home);
  fs_.AddDirectory(env_.current_user.home);
  env_.users = {env_.current_user, other, service};
  env_.admin = true;

  EXPECT_EQ(Run(Command::kInstall, {Browser::kChromium}, /*dry_run=*/true), ExitCode::kOk);
  EXPECT_TRUE(nss_.jobs.empty());
  EXPECT_EQ(Output()["profiles"][0]["result"], "would-create");

  EXPECT_EQ(Run(Command::kInstall, {Browser::kChromium}), ExitCode::kOk);
  const fs::path mine = env_.current_user.home / ".pki/nssdb";
  const fs::path theirs = other.home / ".pki/nssdb";
  ASSERT_NE(JobFor(mine), nullptr);
  EXPECT_EQ(JobFor(mine)->job.create_dirs, std::vector<std::string>{mine.u8string()});
  ASSERT_NE(JobFor(theirs), nullptr);
  ASSERT_TRUE(JobFor(theirs)->as_user.has_value());  // created as its owner
  EXPECT_EQ(JobFor(theirs)->as_user->uid, 1001u);
  EXPECT_EQ(JobFor(service.home / ".pki/nssdb"), nullptr);
  EXPECT_EQ(Output()["profiles"].size(), 2u);

  // Status and uninstall never create it.
  nss_.jobs.clear();
  EXPECT_EQ(Run(Command::kUninstall, {Browser::kChromium}), ExitCode::kOk);
  EXPECT_TRUE(nss_.jobs.empty());
}

TEST_F(BrowsersTest, RootRunningGcatrustGetsNoDatabaseOfItsOwn) {
  fs_.AddFile("/usr/bin/chromium", "#!/bin/sh");
  env_.current_user = {"root", 0, 0, "/root"};
  env_.users = {env_.current_user};
  env_.admin = true;
  fs_.AddDirectory("/root");
  EXPECT_EQ(Run(Command::kInstall, {Browser::kChromium}), ExitCode::kNothingFound);
  EXPECT_TRUE(nss_.jobs.empty());
}

TEST_F(BrowsersTest, WithoutChromiumNoDatabaseIsCreated) {
  fs_.AddDirectory(env_.current_user.home);
  EXPECT_EQ(Run(Command::kInstall, {Browser::kChromium}), ExitCode::kNothingFound);
  EXPECT_TRUE(nss_.jobs.empty());
}

TEST_F(BrowsersTest, DetectListsEveryApplication) {
  fs_.AddFile("/usr/bin/chromium", "#!/bin/sh");
  Options o;
  o.command = Command::kDetect;
  o.json = true;
  AppContext ctx{fs_, env_, out_, err_, nss_};
  EXPECT_EQ(RunCommand(o, certs_, ctx), ExitCode::kOk);
  const auto j = Output();
  ASSERT_EQ(j["installations"].size(), 2u);
  EXPECT_EQ(j["installations"][1]["app"], "thunderbird");
  EXPECT_EQ(j["installations"][1]["policies_file"],
            "/usr/lib/thunderbird/distribution/policies.json");
  EXPECT_EQ(j["chromium"]["installed"], "/usr/bin/chromium");
}

TEST(BrowserOption, RepeatableAndCommaSeparated) {
  std::ostringstream out, err;
  const char* argv[] = {"gcatrust",  "status",  "--browser", "thunderbird,Chrome",
                        "--browser", "firefox", "--browser", "chromium"};
  auto parsed = ParseCommandLine(8, argv, out, err);
  ASSERT_TRUE(std::holds_alternative<Options>(parsed));
  EXPECT_EQ(std::get<Options>(parsed).browsers,
            (std::vector<Browser>{Browser::kThunderbird, Browser::kChromium, Browser::kFirefox}));

  const char* bad[] = {"gcatrust", "status", "--browser", "opera"};
  auto rejected = ParseCommandLine(4, bad, out, err);
  ASSERT_TRUE(std::holds_alternative<ExitCode>(rejected));
  EXPECT_EQ(std::get<ExitCode>(rejected), ExitCode::kUsage);
}

}  // namespace
}  // namespace gcatrust
