// Fuzz target: the policies.json merge and unmerge (installer/policies_document.h), alone and
// as install then uninstall plan it on an in-memory file system (installer/policy_plan.h).
// The input is the existing policies.json text followed by 8 bytes that choose the
// certificate folder as Firefox sees it, the certificate ids, whether the file exists, and
// whether one of the file's own Install entries is also one of ours. Properties, for any input
// that ParsePolicies accepts:
//  - install lists every certificate once, keeps the existing entries first and in order, and
//    every key that is not ours survives; what is written parses back to the same value;
//  - uninstall removes exactly our entries and nothing else;
//  - install then uninstall gives back the same JSON value (the same bytes, from the backup),
//    or no file when there was none; unless the file listed one of our paths already, in
//    which case only that entry goes.
// Input ParsePolicies refuses, and a certificate path that is not UTF-8, must leave the file
// system untouched.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "installer/policies_document.h"
#include "installer/policy_plan.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/support/fake_file_system.h"

namespace {

using gcatrust::AddInstallEntries;
using gcatrust::InstallEntries;
using gcatrust::PoliciesJson;
namespace fs = std::filesystem;

constexpr std::size_t kParamBytes = 8;

// Certificate folders as Firefox sees them (policy_targets.cpp): /etc/firefox, flatpak's
// sandbox, a distribution folder, one with CJK characters and spaces, and a Windows one.
const char* const kCertDirs[] = {
    "/etc/firefox/certificates",
    "/app/etc/firefox/certificates",
    "/usr/lib/firefox-esr/distribution/certificates",
    "/opt/\xe7\x81\xab\xe7\x8b\x90 Firefox/distribution/certificates",
    "C:/Program Files/Mozilla Firefox/distribution/certificates",
    "/opt/firefox-\xff/distribution/certificates",  // a Linux folder name that is not UTF-8
};
const char* const kIds[] = {"grca1", "grca2", "gca2", "grca3", "grca1-grca2-cross-2012"};

// The document without what gcatrust adds: Certificates.Install, then "Certificates" and
// "policies" when that leaves them empty (the uninstall tidies those away).
PoliciesJson WithoutOurs(PoliciesJson doc) {
  auto policies = doc.find("policies");
  if (policies == doc.end()) return doc;
  auto certificates = policies->find("Certificates");
  if (certificates != policies->end()) {
    certificates->erase("Install");
    if (certificates->empty()) policies->erase("Certificates");
  }
  if (policies->empty()) doc.erase("policies");
  return doc;
}

// Whether JSON can hold the text (valid UTF-8), judged by nlohmann::json itself.
bool JsonCanHold(const std::string& text) {
  try {
    (void)PoliciesJson(text).dump();
    return true;
  } catch (const PoliciesJson::type_error&) {
    return false;
  }
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::vector<std::string> Without(std::vector<std::string> list,
                                 const std::vector<std::string>& removed) {
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const std::string& e) { return Contains(removed, e); }),
             list.end());
  return list;
}

void CheckDocument(const PoliciesJson& original, const std::vector<std::string>& ours) {
  const std::vector<std::string> before = InstallEntries(original);

  PoliciesJson installed = original;
  const bool changed = AddInstallEntries(installed, ours);
  const std::vector<std::string> after = InstallEntries(installed);
  std::vector<std::string> expected = before;
  for (const std::string& e : ours) {
    if (!Contains(expected, e)) expected.push_back(e);
  }
  FUZZ_CHECK(after == expected);
  FUZZ_CHECK(changed == (after.size() != before.size()));
  FUZZ_CHECK(WithoutOurs(installed) == WithoutOurs(original));
  // (A path that is not UTF-8 cannot be written; PlanInstall refuses it, see CheckPlans.)
  if (std::all_of(ours.begin(), ours.end(), JsonCanHold)) {
    auto reparsed = gcatrust::ParsePolicies(gcatrust::SerializePolicies(installed));
    FUZZ_CHECK(reparsed.ok() && reparsed.value() == installed);
  }

  PoliciesJson uninstalled = installed;
  gcatrust::RemoveInstallEntries(uninstalled, ours);
  FUZZ_CHECK(InstallEntries(uninstalled) == Without(before, ours));
  FUZZ_CHECK(WithoutOurs(uninstalled) == WithoutOurs(original));
}

gcatrust::Status Apply(const gcatrust::TargetPlan& plan, gcatrust::FakeFileSystem& fs) {
  if (!plan.error.ok()) return plan.error;
  return ApplyActions(plan.actions, fs);
}

void CheckPlans(const std::string& text, bool file_exists, const gcatrust::PolicyTarget& target,
                const std::vector<gcatrust::Certificate>& certs,
                const std::vector<std::string>& ours) {
  gcatrust::FakeFileSystem fs;
  const gcatrust::SystemRoot root;
  fs.AddDirectory(target.policies_file.parent_path());
  if (file_exists) fs.AddFile(target.policies_file, text);
  auto original = gcatrust::ParsePolicies(text);

  const gcatrust::TargetPlan install = PlanInstall(target, certs, fs, root);
  if (file_exists && !original.ok()) {  // refused, untouched
    FUZZ_CHECK(!install.error.ok() && install.actions.empty());
    FUZZ_CHECK(!PlanUninstall(target, certs, fs, root).error.ok());
    return;
  }
  if (!std::all_of(ours.begin(), ours.end(), JsonCanHold)) {  // refused, untouched
    FUZZ_CHECK(!install.error.ok() && install.actions.empty());
    FUZZ_CHECK(install.error.message().find("not UTF-8") != std::string::npos);
    return;
  }
  FUZZ_CHECK(Apply(install, fs).ok());
  auto written = gcatrust::ParsePolicies(fs.Contents(target.policies_file));
  FUZZ_CHECK(written.ok());
  for (const std::string& e : ours) FUZZ_CHECK(Contains(InstallEntries(written.value()), e));
  if (file_exists) FUZZ_CHECK(WithoutOurs(written.value()) == WithoutOurs(original.value()));

  FUZZ_CHECK(Apply(PlanUninstall(target, certs, fs, root), fs).ok());
  for (const gcatrust::Certificate& c : certs) {
    FUZZ_CHECK(!fs.HasFile(target.cert_dir / CertFileName(c)));
  }
  if (!file_exists) {
    FUZZ_CHECK(!fs.HasFile(gcatrust::BackupPath(target.policies_file)));
    FUZZ_CHECK(!fs.HasFile(target.policies_file));
    return;
  }
  const std::vector<std::string> before = InstallEntries(original.value());
  const bool listed_ours_already = std::any_of(
      ours.begin(), ours.end(), [&](const std::string& e) { return Contains(before, e); });
  // The backup goes with the uninstall that gives the file back. When the administrator had
  // listed one of our paths too, uninstall removes that entry as well (it cannot tell them
  // apart), so the file differs from the backup and the backup of the admin's own file is kept
  // (as when the file was edited since install; apt purge drops it, README.md).
  if (!listed_ours_already) {
    FUZZ_CHECK(!fs.HasFile(gcatrust::BackupPath(target.policies_file)));
  }
  if (!fs.HasFile(target.policies_file)) {
    // Removed: only when it held nothing but our entries and no backup was made, i.e. it is
    // what a previous gcatrust install created.
    PoliciesJson rest = original.value();
    gcatrust::RemoveInstallEntries(rest, ours);
    FUZZ_CHECK(listed_ours_already && rest == gcatrust::EmptyPolicies());
    return;
  }
  auto back = gcatrust::ParsePolicies(fs.Contents(target.policies_file));
  FUZZ_CHECK(back.ok());
  if (!listed_ours_already) {
    FUZZ_CHECK(back.value() == original.value());
    // Install changed the file, so uninstall gave back the backup: the admin's own bytes.
    FUZZ_CHECK(fs.Contents(target.policies_file) == text);
  } else {
    FUZZ_CHECK(InstallEntries(back.value()) == Without(before, ours));
    FUZZ_CHECK(WithoutOurs(back.value()) == WithoutOurs(original.value()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < kParamBytes) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size - kParamBytes);
  FuzzedDataProvider params(data + size - kParamBytes, kParamBytes);

  const fs::path cert_dir = params.PickValueInArray(kCertDirs);
  std::vector<gcatrust::Certificate> certs;
  for (std::size_t n = params.ConsumeIntegralInRange<std::size_t>(1, 3), i = 0; i < n; ++i) {
    gcatrust::Certificate cert;
    cert.id = params.PickValueInArray(kIds);
    cert.der = "DER of " + cert.id;
    if (std::none_of(certs.begin(), certs.end(),
                     [&](const gcatrust::Certificate& c) { return c.id == cert.id; })) {
      certs.push_back(cert);
    }
  }
  const bool file_exists = params.ConsumeBool();
  const gcatrust::PolicyTarget target{gcatrust::Browser::kFirefox,
                                      "/etc/firefox/policies/policies.json",
                                      "/etc/firefox/certificates",
                                      cert_dir,
                                      {},
                                      {}};
  std::vector<std::string> ours;
  for (const gcatrust::Certificate& c : certs) {
    ours.push_back((cert_dir / gcatrust::CertFileName(c)).u8string());
  }

  auto original = gcatrust::ParsePolicies(text);
  if (original.ok()) {
    std::vector<std::string> document_ours = ours;
    // Sometimes one of the file's own entries is one of ours (it was there before gcatrust).
    const std::vector<std::string> listed = InstallEntries(original.value());
    if (!listed.empty() && params.ConsumeBool()) {
      document_ours.push_back(
          listed[params.ConsumeIntegralInRange<std::size_t>(0, listed.size() - 1)]);
    }
    CheckDocument(original.value(), document_ours);
  }
  CheckPlans(text, file_exists, target, certs, ours);
  return 0;
}
