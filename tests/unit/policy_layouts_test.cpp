// --target-os layouts on the in-memory file system and registry.
#include "installer/policy_layouts.h"

#include <gtest/gtest.h>

#include "installer/plist_document.h"
#include "installer/policies_document.h"
#include "installer/policy_plan.h"
#include "tests/support/fake_environment.h"
#include "tests/support/fake_file_system.h"
#include "tests/support/fake_policy_registry.h"
#include "tests/unit/test_certs.h"

namespace gcatrust {
namespace {

const fs::path kImage = "/mnt/win";

class WindowsLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* dir : {"/mnt/win/Program Files/Mozilla Firefox",
                            "/mnt/win/Program Files (x86)/Mozilla Firefox"}) {
      fs_.AddFile(fs::path(dir) / "application.ini", "[App]\n");
      fs_.AddFile(fs::path(dir) / "firefox.exe", "MZ");
    }
  }

  std::vector<FirefoxInstallation> Installs() const {
    return DiscoverFirefoxAt(fs_, LayoutInstallCandidates(TargetOs::kWindows), root_);
  }
  std::vector<PolicyTarget> Targets(const PolicyRegistry* registry, bool use_registry = false) {
    auto t = ChooseLayoutTargets(TargetOs::kWindows, Installs(), fs_, env_, root_, registry,
                                 use_registry);
    EXPECT_TRUE(t.ok());
    return t.ok() ? t.value() : std::vector<PolicyTarget>{};
  }
  Status Apply(const PolicyTarget& t, bool install, PolicyRegistry* registry) {
    TargetPlan plan = install ? PlanInstall(t, certs_, fs_, root_, registry)
                              : PlanUninstall(t, certs_, fs_, root_, registry);
    if (!plan.error.ok()) return plan.error;
    return ApplyPlan(plan, install, fs_, registry);
  }

  FakeFileSystem fs_;
  FakeEnvironment env_;
  SystemRoot root_{kImage};
  std::vector<Certificate> certs_ = TestCerts();
};

TEST_F(WindowsLayoutTest, FindsBothProgramFilesInstallations) {
  const auto installs = Installs();
  ASSERT_EQ(installs.size(), 2u);
  EXPECT_EQ(installs[0].dir, "/Program Files/Mozilla Firefox");
  EXPECT_EQ(installs[1].dir, "/Program Files (x86)/Mozilla Firefox");
}

TEST_F(WindowsLayoutTest, PoliciesJsonListsWindowsPathsIntoProgramData) {
  FakePolicyRegistry registry;  // no Certificates policy: policies.json is read
  const auto targets = Targets(&registry);
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].policies_file, "/Program Files/Mozilla Firefox/distribution/policies.json");
  EXPECT_EQ(targets[0].cert_dir, "/ProgramData/gcatrust/certs");
  EXPECT_EQ(InstallEntryFor(targets[0], certs_[0]),
            "C:\\ProgramData\\gcatrust\\certs\\gcatrust-root-a.der");

  for (const auto& t : targets) ASSERT_TRUE(Apply(t, true, &registry).ok());
  EXPECT_EQ(fs_.Contents("/mnt/win/ProgramData/gcatrust/certs/gcatrust-root-a.der"), certs_[0].der);
  auto doc = ParsePolicies(
      fs_.Contents("/mnt/win/Program Files (x86)/Mozilla Firefox/distribution/policies.json"));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(InstallEntries(doc.value())[1],
            "C:\\ProgramData\\gcatrust\\certs\\gcatrust-inter-b.der");
  EXPECT_EQ(registry.changes, 0);

  // Uninstalling the first installation keeps the files the second still lists.
  ASSERT_TRUE(Apply(targets[0], false, &registry).ok());
  EXPECT_TRUE(fs_.HasFile("/mnt/win/ProgramData/gcatrust/certs/gcatrust-root-a.der"));
  ASSERT_TRUE(Apply(targets[1], false, &registry).ok());
  EXPECT_FALSE(fs_.HasFile("/mnt/win/ProgramData/gcatrust/certs/gcatrust-root-a.der"));
}

TEST_F(WindowsLayoutTest, ARegistryCertificatesPolicyIsWrittenInstead) {
  FakePolicyRegistry registry;
  registry.Add(kCertificatesPolicyKey, "ImportEnterpriseRoots", "", RegistryValueType::kOther);
  const auto targets = Targets(&registry);
  ASSERT_EQ(targets.size(), 1u) << "one registry for every installation";
  EXPECT_EQ(targets[0].format, PolicyFormat::kWindowsRegistry);
  EXPECT_EQ(targets[0].installations.size(), 2u);

  const auto snapshot = fs_.Snapshot();
  ASSERT_TRUE(Apply(targets[0], true, &registry).ok());
  EXPECT_EQ(RegistryInstallEntries(registry).value(),
            (std::vector<std::string>{"C:\\ProgramData\\gcatrust\\certs\\gcatrust-root-a.der",
                                      "C:\\ProgramData\\gcatrust\\certs\\gcatrust-inter-b.der"}));
  EXPECT_FALSE(fs_.HasFile("/mnt/win/Program Files/Mozilla Firefox/distribution/policies.json"));
  auto status = InspectTarget(targets[0], certs_, fs_, root_, &registry);
  EXPECT_EQ(status.present_ids.size(), 2u);

  ASSERT_TRUE(Apply(targets[0], false, &registry).ok());
  EXPECT_EQ(fs_.Snapshot(), snapshot);
  EXPECT_FALSE(registry.KeyExists(kInstallPolicyKey)) << "gcatrust created it";
  EXPECT_TRUE(registry.KeyExists(kCertificatesPolicyKey)) << "the admin's";
  EXPECT_FALSE(registry.KeyExists(kStateKey));
}

TEST_F(WindowsLayoutTest, NotWritableRegistryIsNeedsAdminAndNothingIsTouched) {
  FakePolicyRegistry registry;
  registry.Add(kInstallPolicyKey, "1", "C:\\corp.der");
  registry.writable = false;
  const auto targets = Targets(&registry);
  TargetPlan plan = PlanInstall(targets[0], certs_, fs_, root_, &registry);
  EXPECT_EQ(plan.error.kind(), ErrorKind::kNeedsAdmin);
  EXPECT_TRUE(PlanIsEmpty(plan));
  EXPECT_EQ(fs_.ChangeCount(), 0u);
}

TEST_F(WindowsLayoutTest, AskingForTheRegistryWithoutOneIsAnError) {
  auto t = ChooseLayoutTargets(TargetOs::kWindows, Installs(), fs_, env_, root_, nullptr, true);
  EXPECT_FALSE(t.ok());
}

TEST(MacLayout, PlistCreatedThenRemoved) {
  FakeFileSystem fs;
  FakeEnvironment env;
  const SystemRoot root("/mnt/mac");
  fs.AddFile("/mnt/mac/Applications/Firefox.app/Contents/Resources/application.ini", "[App]\n");
  fs.AddFile("/mnt/mac/Applications/Firefox.app/Contents/MacOS/firefox", "");
  fs.AddDirectory("/mnt/mac/Library/Preferences");
  const auto before = fs.Snapshot();
  const auto installs = DiscoverFirefoxAt(fs, LayoutInstallCandidates(TargetOs::kMacos), root);
  ASSERT_EQ(installs.size(), 1u);
  EXPECT_EQ(installs[0].dir, "/Applications/Firefox.app");
  auto targets = ChooseLayoutTargets(TargetOs::kMacos, installs, fs, env, root, nullptr, false);
  ASSERT_TRUE(targets.ok());
  ASSERT_EQ(targets.value().size(), 1u);
  const PolicyTarget& t = targets.value()[0];
  const auto certs = TestCerts();

  TargetPlan plan = PlanInstall(t, certs, fs, root);
  ASSERT_TRUE(plan.error.ok()) << plan.error.message();
  ASSERT_TRUE(ApplyActions(plan.actions, fs).ok());
  auto dict = ParsePlist(fs.Contents("/mnt/mac/Library/Preferences/org.mozilla.firefox.plist"));
  ASSERT_TRUE(dict.ok()) << dict.message();
  EXPECT_EQ(dict.value()["EnterprisePoliciesEnabled"], true);
  EXPECT_EQ(dict.value()["Certificates"]["Install"][0],
            "/Library/Application Support/Mozilla/Certificates/gcatrust-root-a.der");
  EXPECT_TRUE(
      fs.HasFile("/mnt/mac/Library/Application Support/Mozilla/Certificates/gcatrust-root-a.der"));

  TargetPlan undo = PlanUninstall(t, certs, fs, root);
  ASSERT_TRUE(undo.error.ok());
  ASSERT_TRUE(ApplyActions(undo.actions, fs).ok());
  EXPECT_EQ(fs.Snapshot(), before);
}

}  // namespace
}  // namespace gcatrust
