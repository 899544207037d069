// Certificates.Install in the Windows registry, on the in-memory registry.
#include "installer/registry_policy.h"

#include <gtest/gtest.h>

#include "tests/support/fake_policy_registry.h"

namespace gcatrust {
namespace {

const std::vector<std::string> kOurs = {"C:\\ProgramData\\gcatrust\\certs\\gcatrust-a.der",
                                        "C:\\ProgramData\\gcatrust\\certs\\gcatrust-b.der"};

void Install(FakePolicyRegistry& reg) {
  auto edits = PlanRegistryInstall(reg, kOurs);
  ASSERT_TRUE(edits.ok()) << edits.message();
  ASSERT_TRUE(ApplyRegistryEdits(edits.value(), reg).ok());
}

void Uninstall(FakePolicyRegistry& reg) {
  auto edits = PlanRegistryUninstall(reg, kOurs);
  ASSERT_TRUE(edits.ok()) << edits.message();
  ASSERT_TRUE(ApplyRegistryEdits(edits.value(), reg).ok());
}

std::vector<RegistryValue> InstallValues(const FakePolicyRegistry& reg) {
  return reg.ListValues(kInstallPolicyKey).value();
}

TEST(RegistryPolicy, EmptyRegistryGetsValuesOneAndTwoAndBookkeeping) {
  FakePolicyRegistry reg;
  reg.Add("Microsoft", "x", "y");
  const auto before = reg.keys();
  Install(reg);
  const auto values = InstallValues(reg);
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].name, "1");
  EXPECT_EQ(values[0].data, kOurs[0]);
  EXPECT_EQ(values[1].name, "2");
  EXPECT_EQ(values[1].data, kOurs[1]);
  EXPECT_TRUE(HasCertificatesPolicy(reg));
  EXPECT_EQ(reg.commits, 1);

  Uninstall(reg);
  EXPECT_EQ(reg.keys(), before) << "every key gcatrust created is gone again";
}

TEST(RegistryPolicy, AppendsAfterTheHighestIndexLeavingGapsAndOthersAlone) {
  FakePolicyRegistry reg;
  reg.Add(kInstallPolicyKey, "1", "C:\\corp\\root.der");
  reg.Add(kInstallPolicyKey, "3", "%SystemDrive%\\corp\\two.pem", RegistryValueType::kExpandString);
  reg.Add(kCertificatesPolicyKey, "ImportEnterpriseRoots", "", RegistryValueType::kOther);
  const auto before = reg.keys();

  Install(reg);
  const auto values = InstallValues(reg);
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(values[0], before.at(kInstallPolicyKey)[0]);
  EXPECT_EQ(values[1], before.at(kInstallPolicyKey)[1]);
  EXPECT_EQ(values[2].name, "4");
  EXPECT_EQ(values[3].name, "5");
  EXPECT_FALSE(reg.KeyExists(kStateKey)) << "no key was created, so nothing to remember";

  Uninstall(reg);
  EXPECT_EQ(reg.keys(), before) << "the user's values keep their names; nothing renumbered";
}

// Found by tests/fuzz/registry_policy_fuzzer (seed corpus/registry_policy_fuzzer/ten-digits):
// names of more than 9 digits were not counted, so "999999999" made the next index
// "1000000000", the name of the administrator's other value, which install overwrote.
TEST(RegistryPolicy, LongNumericNamesCountSoNoValueIsOverwritten) {
  FakePolicyRegistry reg;
  reg.Add(kInstallPolicyKey, "999999999", "C:\\corp\\a.der");
  reg.Add(kInstallPolicyKey, "1000000000", "C:\\corp\\b.der");
  reg.Add(kInstallPolicyKey, "0099999999999999999999", "C:\\corp\\c.der");
  reg.Add(kInstallPolicyKey, "x7", "C:\\corp\\d.der");
  const auto before = reg.keys();

  Install(reg);
  const auto values = InstallValues(reg);
  ASSERT_EQ(values.size(), 6u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(values[i], before.at(kInstallPolicyKey)[i]);
  EXPECT_EQ(values[4].name, "100000000000000000000");
  EXPECT_EQ(values[5].name, "100000000000000000001");

  Uninstall(reg);
  EXPECT_EQ(reg.keys(), before);
}

TEST(RegistryPolicy, InstallingTwiceChangesNothing) {
  FakePolicyRegistry reg;
  Install(reg);
  const auto after_first = reg.keys();
  auto again = PlanRegistryInstall(reg, kOurs);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.value().empty());
  EXPECT_EQ(reg.keys(), after_first);
}

TEST(RegistryPolicy, OnlyTheMissingEntryIsAdded) {
  FakePolicyRegistry reg;
  reg.Add(kInstallPolicyKey, "1", kOurs[1]);
  auto edits = PlanRegistryInstall(reg, kOurs);
  ASSERT_TRUE(edits.ok());
  ASSERT_EQ(edits.value().size(), 1u);
  EXPECT_EQ(edits.value()[0].name, "2");
  EXPECT_EQ(edits.value()[0].data, kOurs[0]);
}

TEST(RegistryPolicy, UninstallKeepsAKeyThatHoldsSomethingElse) {
  FakePolicyRegistry reg;
  Install(reg);
  // Added by the admin after gcatrust: another certificate and another Firefox policy.
  reg.Add(kInstallPolicyKey, "3", "C:\\corp\\later.der");
  reg.Add(kFirefoxPolicyKey, "DisableTelemetry", "", RegistryValueType::kOther);

  Uninstall(reg);
  const auto values = InstallValues(reg);
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0].name, "3");
  EXPECT_EQ(values[0].data, "C:\\corp\\later.der");
  EXPECT_TRUE(reg.KeyExists(kStateKey)) << "still remembers the keys it created";

  // Once the admin clears the key, a second uninstall finishes the clean-up.
  ASSERT_TRUE(reg.DeleteValue(kInstallPolicyKey, "3").ok());
  Uninstall(reg);
  EXPECT_FALSE(reg.KeyExists(kCertificatesPolicyKey));
  EXPECT_TRUE(reg.KeyExists(kFirefoxPolicyKey)) << "it holds DisableTelemetry";
  // gcatrust created Policies\Mozilla\Firefox too and still remembers it (and only it).
  EXPECT_EQ(
      reg.ListValues(kStateKey).value(),
      (std::vector<RegistryValue>{{kCreatedKeysValue, RegistryValueType::kString,
                                   "Policies;Policies\\Mozilla;Policies\\Mozilla\\Firefox"}}));
}

TEST(RegistryPolicy, UninstallOfNothingIsNoEdit) {
  FakePolicyRegistry reg;
  reg.Add(kInstallPolicyKey, "1", "C:\\corp\\root.der");
  auto edits = PlanRegistryUninstall(reg, kOurs);
  ASSERT_TRUE(edits.ok());
  EXPECT_TRUE(edits.value().empty());
}

TEST(RegistryPolicy, ReadOnlyRegistryIsNeedsAdmin) {
  FakePolicyRegistry reg;
  reg.writable = false;
  auto edits = PlanRegistryInstall(reg, kOurs);
  ASSERT_TRUE(edits.ok());
  Status s = ApplyRegistryEdits(edits.value(), reg);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.kind(), ErrorKind::kNeedsAdmin);
}

TEST(RegistryPolicy, EntriesAreTheStringValues) {
  FakePolicyRegistry reg;
  reg.Add(kInstallPolicyKey, "1", "a");
  reg.Add(kInstallPolicyKey, "2", "", RegistryValueType::kOther);
  reg.Add(kInstallPolicyKey, "3", "c", RegistryValueType::kExpandString);
  auto entries = RegistryInstallEntries(reg);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries.value(), (std::vector<std::string>{"a", "c"}));
}

}  // namespace
}  // namespace gcatrust
