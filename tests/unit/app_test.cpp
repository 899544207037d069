// The whole tool on a fake root: dry runs, JSON, exit codes.
#include "installer/app.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/fake_environment.h"
#include "tests/support/fake_file_system.h"
#include "tests/support/fake_nss_runner.h"
#include "tests/unit/test_certs.h"

namespace gcatrust {
namespace {

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.candidates = {{"/usr/lib/firefox-esr", InstallKind::kPackage}};
    fs_.AddFile("/usr/lib/firefox-esr/application.ini", "");
    fs_.AddFile("/usr/lib/firefox-esr/firefox-esr", "");
  }
  ExitCode Run(Command command, bool dry_run = false, bool json = false) {
    Options o;
    o.command = command;
    o.dry_run = dry_run;
    o.json = json;
    o.lang = Lang::kEnglish;
    o.method = method_;
    out_.str("");
    err_.str("");
    AppContext ctx{fs_, env_, out_, err_, nss_};
    return RunCommand(o, certs_, ctx);
  }

  FakeFileSystem fs_;
  FakeEnvironment env_;
  FakeNssRunner nss_;
  Method method_ = Method::kPolicies;
  std::ostringstream out_, err_;
  std::vector<Certificate> certs_ = TestCerts();
};

TEST_F(AppTest, DryRunPrintsThePlanAndWritesNothing) {
  EXPECT_EQ(Run(Command::kInstall, /*dry_run=*/true), ExitCode::kOk);
  EXPECT_EQ(fs_.ChangeCount(), 0u);
  EXPECT_NE(out_.str().find("would change: /usr/lib/firefox-esr/distribution/policies.json"),
            std::string::npos);
  EXPECT_NE(out_.str().find("gcatrust-root-a.der"), std::string::npos);
}

TEST_F(AppTest, InstallStatusUninstallRoundTrip) {
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  EXPECT_NE(out_.str().find("installed: "), std::string::npos);
  EXPECT_NE(out_.str().find("restart Firefox"), std::string::npos);
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  EXPECT_NE(out_.str().find("already installed"), std::string::npos);

  EXPECT_EQ(Run(Command::kStatus, false, /*json=*/true), ExitCode::kOk);
  auto status = nlohmann::json::parse(out_.str());
  EXPECT_EQ(status["targets"][0]["result"], "installed");

  EXPECT_EQ(Run(Command::kUninstall), ExitCode::kOk);
  EXPECT_EQ(Run(Command::kStatus, false, true), ExitCode::kOk);
  EXPECT_EQ(nlohmann::json::parse(out_.str())["targets"][0]["result"], "not-installed");
}

TEST_F(AppTest, MalformedPoliciesFailsWithTheFileUntouched) {
  fs_.AddFile("/usr/lib/firefox-esr/distribution/policies.json", "{oops");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kFailed);
  EXPECT_NE(err_.str().find("malformed JSON"), std::string::npos);
  EXPECT_EQ(fs_.Contents("/usr/lib/firefox-esr/distribution/policies.json"), "{oops");
  EXPECT_EQ(fs_.ChangeCount(), 0u);
}

TEST_F(AppTest, ReadOnlySystemLocationSaysNeedsAdmin) {
  fs_.MakeReadOnly("/usr");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kNeedsAdmin);
  EXPECT_NE(err_.str().find("needs administrator rights"), std::string::npos);
  EXPECT_EQ(fs_.ChangeCount(), 0u);
}

TEST_F(AppTest, OneGoodAndOneBadTargetIsPartial) {
  env_.candidates.push_back({"/opt/firefox", InstallKind::kTarball});
  fs_.AddFile("/opt/firefox/application.ini", "");
  fs_.AddFile("/opt/firefox/firefox", "");
  fs_.AddFile("/opt/firefox/distribution/policies.json", "[1,");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kPartial);
  EXPECT_TRUE(fs_.HasFile("/usr/lib/firefox-esr/distribution/policies.json"));
}

TEST_F(AppTest, InstallWarnsAboutADistributionFileTheNewEtcFileShadows) {
  env_.candidates.push_back({"/snap/firefox/current/usr/lib/firefox", InstallKind::kSnap});
  fs_.AddFile("/snap/firefox/current/usr/lib/firefox/application.ini", "");
  fs_.AddFile("/snap/firefox/current/usr/lib/firefox/firefox", "");
  fs_.AddFile("/usr/lib/firefox-esr/distribution/policies.json", R"({"policies": {}})");
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);
  EXPECT_TRUE(fs_.HasFile("/etc/firefox/policies/policies.json"));
  EXPECT_NE(err_.str().find("no longer reads /usr/lib/firefox-esr/distribution/policies.json"),
            std::string::npos);
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kOk);  // second time: nothing new to say
  EXPECT_EQ(err_.str(), "");
}

TEST_F(AppTest, UninstallCleansTheSystemFileOfAFirefoxThatIsGone) {
  // Installed while a snap Firefox was there (it reads /etc/firefox), then the snap was removed:
  // /etc/firefox stays, and uninstall must still give the administrator's file back.
  env_.candidates = {{"/snap/firefox/current/usr/lib/firefox", InstallKind::kSnap}};
  fs_.AddFile("/snap/firefox/current/usr/lib/firefox/application.ini", "");
  fs_.AddFile("/snap/firefox/current/usr/lib/firefox/firefox", "");
  const std::string admin = R"({"policies": {"DisableTelemetry": true}})";
  fs_.AddFile("/etc/firefox/policies/policies.json", admin);
  ASSERT_EQ(Run(Command::kInstall), ExitCode::kOk);
  ASSERT_NE(fs_.Contents("/etc/firefox/policies/policies.json"), admin);
  env_.candidates.clear();
  EXPECT_EQ(Run(Command::kStatus), ExitCode::kNothingFound);  // nothing reads it any more

  EXPECT_EQ(Run(Command::kUninstall), ExitCode::kOk) << err_.str();
  EXPECT_EQ(fs_.Contents("/etc/firefox/policies/policies.json"), admin);
  EXPECT_FALSE(fs_.Exists("/etc/firefox/certificates"));
  EXPECT_NE(out_.str().find("Firefox is no longer installed"), std::string::npos) << out_.str();
  EXPECT_EQ(Run(Command::kUninstall), ExitCode::kOk);
  EXPECT_NE(out_.str().find("not installed: /etc/firefox/policies/policies.json"),
            std::string::npos)
      << out_.str();
}

TEST_F(AppTest, NothingFound) {
  env_.candidates.clear();
  EXPECT_EQ(Run(Command::kInstall), ExitCode::kNothingFound);
  EXPECT_EQ(Run(Command::kDetect), ExitCode::kNothingFound);
}

TEST_F(AppTest, DetectNamesThePoliciesFileEachFirefoxReads) {
  EXPECT_EQ(Run(Command::kDetect, false, true), ExitCode::kOk);
  auto j = nlohmann::json::parse(out_.str());
  EXPECT_EQ(j["installations"][0]["policies_file"],
            "/usr/lib/firefox-esr/distribution/policies.json");
  fs_.AddFile("/etc/firefox/policies/policies.json", "{}");
  EXPECT_EQ(Run(Command::kDetect, false, true), ExitCode::kOk);
  EXPECT_EQ(nlohmann::json::parse(out_.str())["installations"][0]["policies_file"],
            "/etc/firefox/policies/policies.json");
}

TEST_F(AppTest, ChineseMessages) {
  Options o;
  o.command = Command::kInstall;
  o.method = Method::kPolicies;
  o.lang = Lang::kTraditionalChinese;
  AppContext ctx{fs_, env_, out_, err_, nss_};
  EXPECT_EQ(RunCommand(o, certs_, ctx), ExitCode::kOk);
  EXPECT_NE(out_.str().find("請重新啟動 Firefox"), std::string::npos);
}

}  // namespace
}  // namespace gcatrust
