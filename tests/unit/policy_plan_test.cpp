#include "installer/policy_plan.h"

#include <gtest/gtest.h>

#include "installer/policies_document.h"
#include "tests/support/fake_file_system.h"
#include "tests/unit/test_certs.h"

namespace gcatrust {
namespace {

class PolicyPlanTest : public ::testing::Test {
 protected:
  void SetUp() override { fs_.AddFile(install_ / "application.ini", "[App]\n"); }

  PolicyTarget Target() const {
    return {Browser::kFirefox,
            install_ / "distribution" / "policies.json",
            install_ / "distribution" / "certificates",
            install_ / "distribution" / "certificates",
            {install_},
            {}};
  }
  fs::path PoliciesFile() const { return Target().policies_file; }

  Status Install() {
    TargetPlan plan = PlanInstall(Target(), certs_, fs_, root_);
    if (!plan.error.ok()) return plan.error;
    return ApplyActions(plan.actions, fs_);
  }
  Status Uninstall() {
    TargetPlan plan = PlanUninstall(Target(), certs_, fs_, root_);
    if (!plan.error.ok()) return plan.error;
    return ApplyActions(plan.actions, fs_);
  }

  FakeFileSystem fs_;
  SystemRoot root_;
  fs::path install_ = "/opt/firefox";
  std::vector<Certificate> certs_ = TestCerts();
};

TEST_F(PolicyPlanTest, InstallCreatesFilesAndPolicies) {
  ASSERT_TRUE(Install().ok());
  const fs::path dir = Target().cert_dir;
  EXPECT_EQ(fs_.Contents(dir / "gcatrust-root-a.der"), certs_[0].der);
  EXPECT_EQ(fs_.Contents(dir / "gcatrust-inter-b.der"), certs_[1].der);
  auto doc = ParsePolicies(fs_.Contents(PoliciesFile()));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(InstallEntries(doc.value()),
            (std::vector<std::string>{(dir / "gcatrust-root-a.der").u8string(),
                                      (dir / "gcatrust-inter-b.der").u8string()}));
  // Nothing to back up: the file did not exist.
  EXPECT_FALSE(fs_.HasFile(BackupPath(PoliciesFile())));
}

TEST_F(PolicyPlanTest, CertificatesAreWrittenBeforeThePoliciesThatListThem) {
  TargetPlan plan = PlanInstall(Target(), certs_, fs_, root_);
  ASSERT_FALSE(plan.actions.empty());
  EXPECT_EQ(plan.actions.back().host_path, PoliciesFile());
}

TEST_F(PolicyPlanTest, InstallTwiceIsNoChange) {
  ASSERT_TRUE(Install().ok());
  const auto before = fs_.Snapshot();
  TargetPlan again = PlanInstall(Target(), certs_, fs_, root_);
  EXPECT_TRUE(again.error.ok());
  EXPECT_TRUE(again.actions.empty());
  EXPECT_EQ(fs_.Snapshot(), before);
}

TEST_F(PolicyPlanTest, MergeKeepsAdminPoliciesAndBacksUp) {
  const std::string admin =
      "{\n  \"policies\": {\"DisableTelemetry\": true,\n"
      "  \"Certificates\": {\"Install\": [\"/srv/admin.der\"]}}\n}\n";
  fs_.AddFile(PoliciesFile(), admin);
  ASSERT_TRUE(Install().ok());
  auto doc = ParsePolicies(fs_.Contents(PoliciesFile())).value();
  EXPECT_EQ(doc["policies"]["DisableTelemetry"], true);
  EXPECT_EQ(InstallEntries(doc).front(), "/srv/admin.der");
  EXPECT_EQ(InstallEntries(doc).size(), 3u);
  EXPECT_EQ(fs_.Contents(BackupPath(PoliciesFile())), admin);
}

TEST_F(PolicyPlanTest, UninstallRestoresTheAdminsFileByteForByte) {
  const std::string admin = "{ \"policies\" : { \"DisableTelemetry\" : true } }";  // odd spacing
  fs_.AddFile(PoliciesFile(), admin);
  const auto before = fs_.Snapshot();
  ASSERT_TRUE(Install().ok());
  ASSERT_NE(fs_.Contents(PoliciesFile()), admin);
  ASSERT_TRUE(Uninstall().ok());
  EXPECT_EQ(fs_.Snapshot(), before);  // backup and certificate files gone too
}

// Found by tests/fuzz/policies_fuzzer: install adds the containers these files lack, and
// uninstall left them behind, empty, instead of giving back the file.
TEST_F(PolicyPlanTest, UninstallRestoresAFileThatLackedOurContainers) {
  for (const char* admin : {R"({"$schema": "x"})", R"({"policies": {"Certificates": {}}})",
                            R"({"policies": {"Certificates": {"Install": []}}})"}) {
    SCOPED_TRACE(admin);
    fs_.AddFile(PoliciesFile(), admin);
    const auto before = fs_.Snapshot();
    ASSERT_TRUE(Install().ok());
    ASSERT_TRUE(Uninstall().ok());
    EXPECT_EQ(fs_.Snapshot(), before);
  }
}

// Found by tests/fuzz/policies_fuzzer: a Linux folder name need not be UTF-8, and writing
// such a path into policies.json threw from nlohmann::json (gcatrust aborted).
TEST_F(PolicyPlanTest, NonUtf8CertificatePathIsRefusedAndUntouched) {
  install_ = "/opt/firefox-\xff";
  fs_.AddFile(PoliciesFile(), R"({"policies": {}})");
  const auto before = fs_.Snapshot();
  TargetPlan plan = PlanInstall(Target(), certs_, fs_, root_);
  EXPECT_FALSE(plan.error.ok());
  EXPECT_NE(plan.error.message().find("not UTF-8"), std::string::npos);
  EXPECT_TRUE(plan.actions.empty());
  EXPECT_EQ(fs_.Snapshot(), before);

  install_ = "/opt/\xe7\x81\xab\xe7\x8b\x90";  // valid UTF-8 (CJK) is fine
  fs_.AddFile(PoliciesFile(), R"({"policies": {}})");
  EXPECT_TRUE(Install().ok());
}

TEST_F(PolicyPlanTest, UninstallOfACreatedFileRemovesItAndOurDirectories) {
  fs_.AddDirectory(install_ / "distribution");
  const auto before = fs_.Snapshot();
  ASSERT_TRUE(Install().ok());
  ASSERT_TRUE(Uninstall().ok());
  EXPECT_EQ(fs_.Snapshot(), before);
  EXPECT_FALSE(fs_.IsDirectory(Target().cert_dir));
  EXPECT_TRUE(fs_.IsDirectory(install_ / "distribution"));  // it was there before
}

TEST_F(PolicyPlanTest, UninstallKeepsWhatTheAdminAddedSinceInstall) {
  ASSERT_TRUE(Install().ok());
  auto doc = ParsePolicies(fs_.Contents(PoliciesFile())).value();
  doc["policies"]["DisableTelemetry"] = true;
  AddInstallEntries(doc, {"/srv/later.der"});
  fs_.AddFile(PoliciesFile(), SerializePolicies(doc));
  ASSERT_TRUE(Uninstall().ok());
  auto after = ParsePolicies(fs_.Contents(PoliciesFile())).value();
  EXPECT_EQ(after["policies"]["DisableTelemetry"], true);
  EXPECT_EQ(InstallEntries(after), (std::vector<std::string>{"/srv/later.der"}));
  EXPECT_FALSE(fs_.HasFile(Target().cert_dir / "gcatrust-root-a.der"));
}

TEST_F(PolicyPlanTest, UninstallWhenNothingInstalledChangesNothing) {
  fs_.AddFile(PoliciesFile(), R"({"policies": {}})");
  TargetPlan plan = PlanUninstall(Target(), certs_, fs_, root_);
  EXPECT_TRUE(plan.error.ok());
  EXPECT_TRUE(plan.actions.empty());
}

TEST_F(PolicyPlanTest, MalformedPoliciesIsRefusedAndUntouched) {
  const std::string broken = "{\"policies\": {\"DisableTelemetry\": true,,}}";
  fs_.AddFile(PoliciesFile(), broken);
  for (auto plan :
       {PlanInstall(Target(), certs_, fs_, root_), PlanUninstall(Target(), certs_, fs_, root_)}) {
    EXPECT_FALSE(plan.error.ok());
    EXPECT_NE(plan.error.message().find("malformed JSON"), std::string::npos);
    EXPECT_TRUE(plan.actions.empty());
  }
  EXPECT_EQ(fs_.Contents(PoliciesFile()), broken);
  EXPECT_EQ(fs_.ChangeCount(), 0u);
}

TEST_F(PolicyPlanTest, ReadOnlyLocationNeedsAdminAndTouchesNothing) {
  fs_.AddDirectory(install_ / "distribution");
  fs_.MakeReadOnly(install_);
  TargetPlan plan = PlanInstall(Target(), certs_, fs_, root_);
  EXPECT_EQ(plan.error.kind(), ErrorKind::kNeedsAdmin);
  EXPECT_TRUE(plan.actions.empty());
  EXPECT_EQ(fs_.ChangeCount(), 0u);
}

TEST_F(PolicyPlanTest, ChangedCertificateFileIsRewritten) {
  ASSERT_TRUE(Install().ok());
  fs_.AddFile(Target().cert_dir / "gcatrust-root-a.der", "tampered");
  TargetPlan plan = PlanInstall(Target(), certs_, fs_, root_);
  ASSERT_EQ(plan.actions.size(), 1u);
  EXPECT_EQ(plan.actions[0].host_path, Target().cert_dir / "gcatrust-root-a.der");
}

TEST_F(PolicyPlanTest, WritesThroughASymlinkedDistributionDirectory) {
  // Debian: /usr/lib/firefox-esr/distribution -> /usr/share/firefox-esr/distribution.
  fs_.AddDirectory("/usr/share/firefox-esr/distribution");
  fs_.AddSymlink(install_ / "distribution", "/usr/share/firefox-esr/distribution");
  ASSERT_TRUE(Install().ok());
  EXPECT_TRUE(fs_.HasFile("/usr/share/firefox-esr/distribution/policies.json"));
  ASSERT_TRUE(Uninstall().ok());
  EXPECT_FALSE(fs_.HasFile("/usr/share/firefox-esr/distribution/policies.json"));
  EXPECT_TRUE(fs_.IsDirectory(install_ / "distribution"));  // the link and its target stay
}

TEST_F(PolicyPlanTest, NonAsciiAndSpacePathsUnderAnImageRoot) {
  root_ = SystemRoot("/mnt/映像 檔");
  fs_.AddFile("/mnt/映像 檔/opt/firefox/application.ini", "");
  ASSERT_TRUE(Install().ok());
  const fs::path host = "/mnt/映像 檔/opt/firefox/distribution/policies.json";
  ASSERT_TRUE(fs_.HasFile(host));
  // policies.json names the paths as the image's own system sees them.
  auto doc = ParsePolicies(fs_.Contents(host)).value();
  EXPECT_EQ(InstallEntries(doc).front(),
            "/opt/firefox/distribution/certificates/gcatrust-root-a.der");
  ASSERT_TRUE(Uninstall().ok());
  EXPECT_FALSE(fs_.HasFile(host));
}

TEST_F(PolicyPlanTest, StatusReportsPresentAndMissing) {
  TargetStatus none = InspectTarget(Target(), certs_, fs_, root_);
  EXPECT_EQ(none.missing_ids.size(), 2u);
  ASSERT_TRUE(Install().ok());
  TargetStatus all = InspectTarget(Target(), certs_, fs_, root_);
  EXPECT_EQ(all.present_ids.size(), 2u);
  ASSERT_TRUE(fs_.RemoveFile(Target().cert_dir / "gcatrust-inter-b.der").ok());
  TargetStatus part = InspectTarget(Target(), certs_, fs_, root_);
  EXPECT_EQ(part.present_ids, (std::vector<std::string>{"root-a"}));
  EXPECT_EQ(part.missing_ids, (std::vector<std::string>{"inter-b"}));
}

TEST_F(PolicyPlanTest, AnEditBetweenPlanAndWriteIsNotOverwritten) {
  fs_.AddFile(PoliciesFile(), R"({"policies": {"DisableTelemetry": true}})");
  TargetPlan plan = PlanInstall(Target(), certs_, fs_, root_);
  const std::string edited =
      R"({"policies": {"DisableTelemetry": true, "BlockAboutConfig": true}})";
  fs_.AddFile(PoliciesFile(), edited);  // the admin saves in an editor meanwhile
  bool conflict = false;
  EXPECT_FALSE(ApplyPlan(plan, /*installing=*/true, fs_, nullptr, &conflict).ok());
  EXPECT_TRUE(conflict);
  EXPECT_EQ(fs_.Contents(PoliciesFile()), edited);
  // Planned again on the new text: both the edit and our entries.
  plan = PlanInstall(Target(), certs_, fs_, root_);
  conflict = false;
  ASSERT_TRUE(ApplyPlan(plan, /*installing=*/true, fs_, nullptr, &conflict).ok());
  auto doc = ParsePolicies(fs_.Contents(PoliciesFile())).value();
  EXPECT_EQ(doc["policies"]["BlockAboutConfig"], true);
  EXPECT_EQ(InstallEntries(doc).size(), 2u);
  EXPECT_EQ(fs_.Contents(BackupPath(PoliciesFile())), edited);
}

TEST_F(PolicyPlanTest, UninstallFinishesOneStoppedBeforeRemovingTheBackup) {
  const std::string admin = R"({"policies": {"DisableTelemetry": true}})";
  fs_.AddFile(PoliciesFile(), admin);
  fs_.AddFile(BackupPath(PoliciesFile()), admin);  // file given back, backup not yet removed
  ASSERT_TRUE(Uninstall().ok());
  EXPECT_FALSE(fs_.HasFile(BackupPath(PoliciesFile())));
  EXPECT_EQ(fs_.Contents(PoliciesFile()), admin);
}

}  // namespace
}  // namespace gcatrust
