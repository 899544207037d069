// The NSS method of the core on a fake root and a fake NSS runner: which profiles, which NSS,
// which identity, and how per-profile outcomes become lines and exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "installer/app.h"
#include "tests/support/fake_environment.h"
#include "tests/support/fake_file_system.h"
#include "tests/support/fake_nss_runner.h"
#include "tests/unit/test_certs.h"

namespace gcatrust {
namespace {

class NssMethodTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.current_user = {"王小明", 1000, 1000, "/home/王小明"};
    env_.users = {env_.current_user};
    fs_.AddFile("/usr/lib/firefox-esr/application.ini", "");
    fs_.AddFile("/usr/lib/firefox-esr/firefox-esr", "");
    fs_.AddFile("/usr/lib/firefox-esr/libnss3.so", "");
    fs_.AddFile("/usr/lib/firefox-esr/libsoftokn3.so", "");
    env_.candidates = {{"/usr/lib/firefox-esr", InstallKind::kPackage}};
  }

  /// A profile in home's ~/.mozilla/firefox, listed in profiles.ini, with a DB of the format.
  fs::path AddProfile(const fs::path& home, const std::string& name, const char* db = "cert9.db") {
    const fs::path root = home / ".mozilla/firefox";
    const fs::path dir = root / name;
    fs_.AddDirectory(dir);
    if (db) fs_.AddFile(dir / db, "db");
    std::string ini = fs_.HasFile(root / "profiles.ini") ? fs_.Contents(root / "profiles.ini") : "";
    ini += "[Profile" + std::to_string(ini.size()) + "]\nName=" + name +
           "\nIsRelative=1\nPath=" + name + "\n";
    fs_.AddFile(root / "profiles.ini", ini);
    return dir;
  }

  ExitCode Run(Command command, Method method = Method::kNss, bool dry_run = false) {
    Options o;
    o.command = command;
    o.method = method;
    o.dry_run = dry_run;
    o.json = json_;
    o.root = root_;
    o.lang = Lang::kEnglish;
    out_.str("");
    err_.str("");
    AppContext ctx{fs_, env_, out_, err_, nss_};
    return RunCommand(o, certs_, ctx);
  }

  FakeFileSystem fs_;
  FakeEnvironment env_;
  FakeNssRunner nss_;
  std::ostringstream out_, err_;
  bool json_ = false;
  fs::path root_;
  std::vector<Certificate> certs_ = TestCerts();
};

TEST_F(NssMethodTest, ImportsIntoEveryProfileOfTheCurrentUserWithFirefoxsNss) {
  const fs::path a = AddProfile("/home/王小明", "ab cd.預設");
  const fs::path b = AddProfile("/home/王小明", "second");
  fs_.AddFile(a / "compatibility.ini", "[Compatibility]\nLastPlatformDir=/usr/lib/firefox-esr\n");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  EXPECT_TRUE(nss_.Trusted("sql:" + a.u8string(), "root-a"));
  EXPECT_TRUE(nss_.Trusted("sql:" + b.u8string(), "inter-b"));
  for (const auto& call : nss_.jobs) {
    EXPECT_EQ(call.job.nss_dir, "/usr/lib/firefox-esr");
    EXPECT_FALSE(call.as_user.has_value());  // not root: works as itself
    ASSERT_EQ(call.job.certs.size(), 2u);
    EXPECT_EQ(call.job.certs[0].nickname, "Root A (gcatrust root-a)");
  }
  EXPECT_NE(out_.str().find("imported: 2 certificates into profile " + a.u8string()),
            std::string::npos);
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  EXPECT_NE(out_.str().find("already trusted"), std::string::npos);
}

TEST_F(NssMethodTest, LegacyDbmProfilesUseTheSystemNss) {
  AddProfile("/home/王小明", "old", "cert8.db");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  ASSERT_EQ(nss_.jobs.size(), 1u);
  EXPECT_EQ(nss_.jobs[0].job.nss_dir, "");
  EXPECT_EQ(nss_.jobs[0].job.databases[0].rfind("dbm:", 0), 0u);
}

TEST_F(NssMethodTest, AsRootEachUsersProfilesAreDoneAsThatUser) {
  env_.admin = true;
  env_.current_user = {"root", 0, 0, "/root"};
  UserAccount alice{"alice", 1001, 1001, "/home/alice"};
  env_.users = {env_.current_user, alice};
  const fs::path mine = AddProfile("/root", "admin");
  const fs::path hers = AddProfile("/home/alice", "default-esr");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  for (const auto& call : nss_.jobs) {
    const bool is_hers = call.job.databases[0] == "sql:" + hers.u8string();
    ASSERT_EQ(call.as_user.has_value(), is_hers);
    if (is_hers) {
      EXPECT_EQ(call.as_user->uid, 1001u);
    }
  }
  EXPECT_TRUE(nss_.Trusted("sql:" + mine.u8string(), "root-a"));
  EXPECT_TRUE(nss_.Trusted("sql:" + hers.u8string(), "root-a"));
}

TEST_F(NssMethodTest, OneFailingProfileIsReportedAndTheOthersAreDone) {
  const fs::path good = AddProfile("/home/王小明", "good");
  const fs::path locked = AddProfile("/home/王小明", "pw");
  nss_.outcomes["sql:" + locked.u8string()] = NssOutcome::kPrimaryPassword;
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kPartial);
  EXPECT_TRUE(nss_.Trusted("sql:" + good.u8string(), "root-a"));
  EXPECT_NE(err_.str().find("skipped: profile " + locked.u8string() +
                            " is protected by a Primary Password"),
            std::string::npos);
}

TEST_F(NssMethodTest, DryRunAsksForStatusOnlyAndSaysWhatItWouldDo) {
  const fs::path p = AddProfile("/home/王小明", "p");
  EXPECT_EQ(Run(Command::kInstall, Method::kNss, /*dry_run=*/true), ExitCode::kOk);
  ASSERT_EQ(nss_.jobs.size(), 1u);
  EXPECT_EQ(nss_.jobs[0].job.op, NssOperation::kStatus);
  EXPECT_FALSE(nss_.Trusted("sql:" + p.u8string(), "root-a"));
  EXPECT_NE(out_.str().find("would import into profile " + p.u8string() + ": root-a, inter-b"),
            std::string::npos);
}

TEST_F(NssMethodTest, ProfileWithoutDatabaseIsNamedNotCounted) {
  AddProfile("/home/王小明", "never-started", nullptr);
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  EXPECT_TRUE(nss_.jobs.empty());
  EXPECT_NE(out_.str().find("no certificate database yet"), std::string::npos);
}

TEST_F(NssMethodTest, RunningFirefoxGetsRestartAdvice) {
  const fs::path p = AddProfile("/home/王小明", "busy");
  env_.profiles_in_use.insert(p);
  json_ = true;
  EXPECT_EQ(Run(Command::kStatus), ExitCode::kOk);
  auto j = nlohmann::json::parse(out_.str());
  EXPECT_EQ(j["profiles"][0]["firefox_running"], true);
  json_ = false;
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  EXPECT_NE(out_.str().find("Firefox is running on this profile"), std::string::npos);
}

TEST_F(NssMethodTest, AutoWithoutAdminSkipsPoliciesAndStillDoesProfiles) {
  fs_.MakeReadOnly("/usr");
  const fs::path p = AddProfile("/home/王小明", "p");
  json_ = true;
  EXPECT_EQ(Run(Command::kInstall, Method::kAuto), ExitCode::kOk);
  auto j = nlohmann::json::parse(out_.str());
  EXPECT_EQ(j["targets"][0]["result"], "skipped-needs-admin");
  EXPECT_EQ(j["profiles"][0]["result"], "changed");
  EXPECT_EQ(fs_.ChangeCount(), 0u);
}

TEST_F(NssMethodTest, AutoWithoutAdminAndWithoutProfilesNeedsAdmin) {
  fs_.MakeReadOnly("/usr");
  EXPECT_EQ(Run(Command::kInstall, Method::kAuto), ExitCode::kNeedsAdmin);
}

TEST_F(NssMethodTest, ImageRootUsesTheImagesAccountsAndTheSystemNss) {
  root_ = "/mnt/image";
  env_.admin = true;
  env_.current_user = {"root", 0, 0, "/root"};
  fs_.AddFile("/mnt/image/etc/passwd", "bob:x:1002:1002:Bob:/home/bob:/bin/sh\n");
  AddProfile("/mnt/image/home/bob", "default");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  ASSERT_EQ(nss_.jobs.size(), 1u);
  EXPECT_EQ(nss_.jobs[0].job.nss_dir, "");  // never the image's libraries
  // bob cannot reach the profile through the mount point here: root does the work.
  EXPECT_FALSE(nss_.jobs[0].as_user.has_value());
  EXPECT_EQ(nss_.jobs[0].job.databases[0], "sql:/mnt/image/home/bob/.mozilla/firefox/default");
}

TEST_F(NssMethodTest, ImageRootWorksAsTheImagesAccountWhereItCanReachTheProfile) {
  root_ = "/mnt/image";
  env_.admin = true;
  env_.current_user = {"root", 0, 0, "/root"};
  fs_.AddFile("/mnt/image/etc/passwd", "bob:x:1002:1003:Bob:/home/bob:/bin/sh\n");
  env_.reachable_dirs.insert(AddProfile("/mnt/image/home/bob", "default"));
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  ASSERT_EQ(nss_.jobs.size(), 1u);
  ASSERT_TRUE(nss_.jobs[0].as_user.has_value());
  EXPECT_EQ(nss_.jobs[0].as_user->uid, 1002u);
  EXPECT_EQ(nss_.jobs[0].as_user->gid, 1003u);
  // Not a name this machine's group database would be asked about.
  EXPECT_EQ(nss_.jobs[0].as_user->name, "");
}

TEST_F(NssMethodTest, UninstallRemovesFromEveryProfile) {
  const fs::path p = AddProfile("/home/王小明", "p");
  ASSERT_EQ(Run(Command::kInstall), ExitCode::kOk);
  EXPECT_EQ(Run(Command::kUninstall), ExitCode::kOk);
  EXPECT_FALSE(nss_.Trusted("sql:" + p.u8string(), "root-a"));
  EXPECT_NE(out_.str().find("removed: gcatrust's certificates from profile"), std::string::npos);
}

TEST_F(NssMethodTest, NoProfilesAndNoFirefoxIsNothingFound) {
  env_.candidates.clear();
  EXPECT_EQ(Run(Command::kInstall, Method::kAuto), ExitCode::kNothingFound);
}

}  // namespace
}  // namespace gcatrust
