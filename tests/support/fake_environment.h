// Environment for unit tests: variables and install candidates set by the test.
#ifndef GCATRUST_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_
#define GCATRUST_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_

#include <map>
#include <set>

#include "installer/environment.h"

namespace gcatrust {

class FakeEnvironment : public Environment {
 public:
  std::optional<std::string> GetVariable(const std::string& name) const override {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  }
  std::vector<InstallCandidate> FirefoxInstallCandidates() const override { return candidates; }
  std::vector<std::filesystem::path> ProfileRootsInHome() const override { return profile_roots; }
  std::vector<InstallCandidate> ThunderbirdInstallCandidates() const override {
    return thunderbird_candidates;
  }
  std::vector<std::filesystem::path> ThunderbirdProfileRootsInHome() const override {
    return thunderbird_profile_roots;
  }
  std::optional<SharedNssDbLayout> ChromiumSharedNssDb() const override { return chromium; }
  UserAccount CurrentUser() const override { return current_user; }
  std::vector<UserAccount> AllUsers() const override { return users; }
  bool IsAdmin() const override { return admin; }
  bool IsProfileInUse(const std::filesystem::path& host_dir) const override {
    return profiles_in_use.count(host_dir) > 0;
  }
  bool AccountCanReach(const std::filesystem::path& host_dir, std::uint32_t /*uid*/,
                       std::uint32_t /*gid*/) const override {
    return reachable_dirs.count(host_dir) > 0;
  }

  std::map<std::string, std::string> variables;
  std::vector<InstallCandidate> candidates;
  std::vector<std::filesystem::path> profile_roots{".mozilla/firefox", ".config/mozilla/firefox",
                                                   "snap/firefox/common/.mozilla/firefox",
                                                   ".var/app/org.mozilla.firefox/.mozilla/firefox"};
  std::vector<InstallCandidate> thunderbird_candidates;
  std::vector<std::filesystem::path> thunderbird_profile_roots{
      ".thunderbird", "snap/thunderbird/common/.thunderbird",
      ".var/app/org.mozilla.Thunderbird/.thunderbird"};
  std::optional<SharedNssDbLayout> chromium = SharedNssDbLayout{
      ".pki/nssdb", {"/usr/bin/chromium"}, {".config/chromium", ".config/google-chrome"}};
  UserAccount current_user{"user", 1000, 1000, "/home/user"};
  std::vector<UserAccount> users{current_user};
  bool admin = false;
  std::set<std::filesystem::path> profiles_in_use;
  std::set<std::filesystem::path> reachable_dirs;  ///< by any account
};

}  // namespace gcatrust

#endif  // GCATRUST_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_
