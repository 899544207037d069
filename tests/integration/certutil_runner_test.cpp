// The certutil fallback against real NSS databases made by the system's certutil.
#include "installer/certutil_runner.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gcatrust {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class CertutilRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/gcatrust-certutil-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    db_ = "sql:" + (dir_ / "profile 設定").u8string();
    fs::create_directories(dir_ / "profile 設定");
    ASSERT_EQ(Shell("certutil -N -d '" + db_ + "' --empty-password"), 0);
    // A CA certificate made here, converted to DER.
    ASSERT_EQ(
        Shell("openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + (dir_ / "k").string() +
              "' -subj /CN=gcatrust-test-ca -days 30 -addext basicConstraints=critical,CA:TRUE"
              " -outform DER -out '" +
              (dir_ / "ca.der").string() + "' 2>/dev/null"),
        0);
    job_.certs = {{"test-ca", "Test CA (gcatrust test-ca)", ReadFile(dir_ / "ca.der")}};
    job_.databases = {db_};
  }
  void TearDown() override { fs::remove_all(dir_); }
  static int Shell(const std::string& cmd) { return std::system(cmd.c_str()); }
  NssDatabaseResult Run(NssOperation op) {
    job_.op = op;
    auto results = RunWithCertutil(job_, std::nullopt);
    EXPECT_EQ(results.size(), 1u);
    return results.at(0);
  }

  fs::path dir_;
  std::string db_;
  NssJob job_;
};

TEST_F(CertutilRunnerTest, InstallStatusUninstallRoundTrip) {
  EXPECT_EQ(Run(NssOperation::kStatus).certs.at(0).second, NssCertState::kMissing);
  NssDatabaseResult installed = Run(NssOperation::kInstall);
  EXPECT_EQ(installed.outcome, NssOutcome::kChanged) << installed.error;
  EXPECT_EQ(installed.certs.at(0).second, NssCertState::kTrusted);
  EXPECT_EQ(Run(NssOperation::kInstall).outcome, NssOutcome::kUnchanged);
  NssDatabaseResult removed = Run(NssOperation::kUninstall);
  EXPECT_EQ(removed.outcome, NssOutcome::kChanged) << removed.error;
  EXPECT_EQ(Run(NssOperation::kStatus).certs.at(0).second, NssCertState::kMissing);
}

TEST_F(CertutilRunnerTest, CorruptDatabaseFailsWithCertutilsReason) {
  fs::resize_file(dir_ / "profile 設定" / "cert9.db", 100);
  NssDatabaseResult r = Run(NssOperation::kInstall);
  EXPECT_EQ(r.outcome, NssOutcome::kFailed);
  EXPECT_NE(r.error.find("certutil"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace gcatrust
