// SystemEnvironment on Linux: real environment variables and the fixed candidate list.
#include "platform/system_environment.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <set>
#include <string>

namespace gcatrust {
namespace {

TEST(SystemEnvironmentTest, GetVariable) {
  ASSERT_EQ(::setenv("GCATRUST_TEST_VARIABLE", "王小明 的設定", 1), 0);
  ASSERT_EQ(::setenv("GCATRUST_TEST_EMPTY", "", 1), 0);
  ASSERT_EQ(::unsetenv("GCATRUST_TEST_UNSET"), 0);
  SystemEnvironment env;

  EXPECT_EQ(env.GetVariable("GCATRUST_TEST_VARIABLE"), "王小明 的設定");
  EXPECT_EQ(env.GetVariable("GCATRUST_TEST_EMPTY"), "");  // Set but empty is not unset.
  EXPECT_EQ(env.GetVariable("GCATRUST_TEST_UNSET"), std::nullopt);

  ::unsetenv("GCATRUST_TEST_VARIABLE");
  ::unsetenv("GCATRUST_TEST_EMPTY");
}

TEST(SystemEnvironmentTest, CandidatesAreAbsoluteUniqueAndStable) {
  SystemEnvironment env;
  std::vector<InstallCandidate> candidates = env.FirefoxInstallCandidates();

  ASSERT_FALSE(candidates.empty());
  std::set<std::filesystem::path> seen;
  for (const InstallCandidate& candidate : candidates) {
    EXPECT_TRUE(candidate.dir.is_absolute()) << candidate.dir;
    EXPECT_TRUE(seen.insert(candidate.dir).second) << "duplicate " << candidate.dir;
  }
  std::vector<InstallCandidate> again = env.FirefoxInstallCandidates();
  ASSERT_EQ(again.size(), candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) EXPECT_EQ(again[i].dir, candidates[i].dir);
}

TEST(SystemEnvironmentTest, CandidatesCoverTheKnownLinuxLayouts) {
  std::vector<InstallCandidate> candidates = SystemEnvironment().FirefoxInstallCandidates();
  auto find = [&candidates](const std::string& dir) -> const InstallCandidate* {
    for (const InstallCandidate& candidate : candidates) {
      if (candidate.dir == dir) return &candidate;
    }
    return nullptr;
  };

  const InstallCandidate* debian = find("/usr/lib/firefox-esr");
  ASSERT_NE(debian, nullptr);
  EXPECT_EQ(debian->kind, InstallKind::kPackage);
  EXPECT_FALSE(debian->scan_children);

  const InstallCandidate* opt = find("/opt");
  ASSERT_NE(opt, nullptr);
  EXPECT_EQ(opt->kind, InstallKind::kTarball);
  EXPECT_TRUE(opt->scan_children);

  const InstallCandidate* local = find("/usr/local/lib/firefox");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->kind, InstallKind::kTarball);
  EXPECT_FALSE(local->scan_children);

  const InstallCandidate* snap = find("/snap/firefox/current/usr/lib/firefox");
  ASSERT_NE(snap, nullptr);
  EXPECT_EQ(snap->kind, InstallKind::kSnap);

  const InstallCandidate* flatpak =
      find("/var/lib/flatpak/app/org.mozilla.firefox/current/active/files/lib/firefox");
  ASSERT_NE(flatpak, nullptr);
  EXPECT_EQ(flatpak->kind, InstallKind::kFlatpak);

  for (const char* dir : {"/usr/lib/firefox", "/usr/lib64/firefox", "/usr/lib64/firefox-esr",
                          "/usr/lib/firefox-developer-edition", "/usr/lib/firefox-nightly"}) {
    const InstallCandidate* package = find(dir);
    ASSERT_NE(package, nullptr) << dir;
    EXPECT_EQ(package->kind, InstallKind::kPackage) << dir;
  }
}

}  // namespace
}  // namespace gcatrust
