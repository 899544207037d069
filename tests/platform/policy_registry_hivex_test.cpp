// The offline-hive registry on a real hive file with the real libhivex: a copy of hivex's own
// minimal SOFTWARE hive (tests/data/hivex/README.md). The admin's values are written with
// hivexsh and the results read back with hivexget, hivex's own tools, so the checks do not
// depend on gcatrust's reader alone.
#include "platform/policy_registry_hivex.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "installer/registry_policy.h"
#include "platform/machine_registry.h"

namespace gcatrust {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kOurs = {"C:\\ProgramData\\gcatrust\\certs\\gcatrust-a.der",
                                        "C:\\ProgramData\\gcatrust\\certs\\gcatrust-王.der"};

std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  return rc == 0 ? out : "exit " + std::to_string(rc) + ": " + out;
}

std::string Bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class HiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("gcatrust-hive-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "Windows/System32/config");
    hive_ = dir_ / "Windows/System32/config/SOFTWARE";
    fs::copy_file(fs::path(GCATRUST_TEST_DATA_DIR) / "hivex/minimal", hive_);
    fs::permissions(hive_, fs::perms::owner_read | fs::perms::owner_write);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Runs hivexsh -w on the hive with the given script (the admin's own policy values).
  void AdminWrites(const std::string& script) {
    const fs::path file = dir_ / "script";
    std::ofstream(file) << script << "commit\n";
    ASSERT_EQ(Shell("hivexsh -w '" + hive_.string() + "' < '" + file.string() + "' 2>&1"), "");
  }
  std::string Get(const std::string& key) {
    return Shell("hivexget '" + hive_.string() + "' '" + key + "' 2>&1");
  }
  std::unique_ptr<PolicyRegistry> Open() {
    auto reg = OpenHiveRegistry(hive_);
    EXPECT_TRUE(reg.ok()) << (reg.ok() ? "" : reg.message());
    return reg.ok() ? std::move(reg).value() : nullptr;
  }

  fs::path dir_, hive_;
};

TEST_F(HiveTest, InstallIntoAnEmptyHiveAndUninstallLeavesNoKey) {
  const std::string original = Bytes(hive_);
  {
    auto reg = Open();
    ASSERT_TRUE(reg);
    EXPECT_FALSE(HasCertificatesPolicy(*reg));
    auto edits = PlanRegistryInstall(*reg, kOurs);
    ASSERT_TRUE(edits.ok());
    ASSERT_TRUE(ApplyRegistryEdits(edits.value(), *reg).ok());
  }
  EXPECT_EQ(Get("Policies\\Mozilla\\Firefox\\Certificates\\Install"),
            "\"1\"=\"C:\\\\ProgramData\\\\gcatrust\\\\certs\\\\gcatrust-a.der\"\n"
            "\"2\"=\"C:\\\\ProgramData\\\\gcatrust\\\\certs\\\\gcatrust-王.der\"\n");
  EXPECT_EQ(Bytes(hive_.string() + ".gcatrust-backup"), original) << "backed up before writing";
  EXPECT_FALSE(fs::exists(hive_.string() + ".gcatrust-new")) << "temporary hive renamed";
  EXPECT_EQ(fs::status(hive_).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);

  {
    auto reg = Open();
    ASSERT_TRUE(reg);
    EXPECT_TRUE(HasCertificatesPolicy(*reg));
    auto edits = PlanRegistryUninstall(*reg, kOurs);
    ASSERT_TRUE(edits.ok());
    ASSERT_TRUE(ApplyRegistryEdits(edits.value(), *reg).ok());
  }
  auto reg = Open();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->ListSubkeys("").value(), std::vector<std::string>{})
      << "Policies and gcatrust gone";
  EXPECT_EQ(Shell("echo ls | hivexsh '" + hive_.string() + "' 2>&1"), "");
}

TEST_F(HiveTest, TheAdminsValuesSurviveByteForByte) {
  AdminWrites(
      "add Policies\ncd Policies\nadd Mozilla\ncd Mozilla\nadd Firefox\ncd Firefox\n"
      "setval 1\nDisableTelemetry\ndword:1\n"
      "add Certificates\ncd Certificates\nsetval 1\nImportEnterpriseRoots\ndword:1\n"
      "add Install\ncd Install\nsetval 2\n1\nstring:C:\\corp\\root.der\n"
      "3\nexpandstring:%SystemDrive%\\corp\\two.pem\n");
  const std::string before_install = Get("Policies\\Mozilla\\Firefox\\Certificates\\Install");
  {
    auto reg = Open();
    ASSERT_TRUE(reg);
    ASSERT_TRUE(HasCertificatesPolicy(*reg));
    auto edits = PlanRegistryInstall(*reg, kOurs);
    ASSERT_TRUE(edits.ok());
    ASSERT_TRUE(ApplyRegistryEdits(edits.value(), *reg).ok());
    // Installing again plans nothing.
    auto again = PlanRegistryInstall(*reg, kOurs);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again.value().empty());
  }
  EXPECT_EQ(Get("Policies\\Mozilla\\Firefox\\Certificates\\Install"),
            before_install +
                "\"4\"=\"C:\\\\ProgramData\\\\gcatrust\\\\certs\\\\gcatrust-a.der\"\n"
                "\"5\"=\"C:\\\\ProgramData\\\\gcatrust\\\\certs\\\\gcatrust-王.der\"\n");
  EXPECT_NE(Get("gcatrust").find("'gcatrust' not found"), std::string::npos)
      << "every key existed: nothing to remember";
  {
    auto reg = Open();
    ASSERT_TRUE(reg);
    auto edits = PlanRegistryUninstall(*reg, kOurs);
    ASSERT_TRUE(edits.ok());
    ASSERT_TRUE(ApplyRegistryEdits(edits.value(), *reg).ok());
  }
  EXPECT_EQ(Get("Policies\\Mozilla\\Firefox\\Certificates\\Install"), before_install);
  EXPECT_EQ(Get("Policies\\Mozilla\\Firefox\\Certificates"),
            "\"ImportEnterpriseRoots\"=dword:00000001\n");
  EXPECT_EQ(Get("Policies\\Mozilla\\Firefox"), "\"DisableTelemetry\"=dword:00000001\n");
}

TEST_F(HiveTest, OpenerFindsTheImagesSoftwareHive) {
  auto opener = NewMachineRegistryOpener();
  auto reg = opener->OpenMachine(SystemRoot(dir_));
  ASSERT_TRUE(reg.ok()) << reg.message();
  EXPECT_EQ(reg.value()->Describe(), hive_.u8string());
  auto none = opener->OpenMachine(SystemRoot(dir_ / "Windows"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().kind(), ErrorKind::kNotFound);
}

TEST_F(HiveTest, AReadOnlyHiveIsNeedsAdminAndUnchanged) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write a read-only file";
  fs::permissions(hive_, fs::perms::owner_read);
  const std::string original = Bytes(hive_);
  auto reg = Open();
  ASSERT_TRUE(reg);
  EXPECT_FALSE(reg->IsWritable());
  auto edits = PlanRegistryInstall(*reg, kOurs);
  ASSERT_TRUE(edits.ok());
  Status s = ApplyRegistryEdits(edits.value(), *reg);
  EXPECT_EQ(s.kind(), ErrorKind::kNeedsAdmin);
  EXPECT_EQ(Bytes(hive_), original);
}

}  // namespace
}  // namespace gcatrust
