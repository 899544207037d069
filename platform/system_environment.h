// Environment of the running system: variables and this OS's Firefox install locations
// (system_environment_<os>.cpp, chosen by CMake).
#ifndef GCATRUST_PLATFORM_SYSTEM_ENVIRONMENT_H_
#define GCATRUST_PLATFORM_SYSTEM_ENVIRONMENT_H_

#include "installer/environment.h"

namespace gcatrust {

class SystemEnvironment : public Environment {
 public:
  std::optional<std::string> GetVariable(const std::string& name) const override;
  std::vector<InstallCandidate> FirefoxInstallCandidates() const override;
  std::vector<std::filesystem::path> ProfileRootsInHome() const override;
#ifndef _WIN32
  // Linux (system_environment_linux.cpp). Windows keeps Environment's defaults until
  // system_environment_win.cpp lists Thunderbird's places; Chromium there uses the Windows
  // certificate store, not NSS.
  std::vector<InstallCandidate> ThunderbirdInstallCandidates() const override;
  std::vector<std::filesystem::path> ThunderbirdProfileRootsInHome() const override;
  std::optional<SharedNssDbLayout> ChromiumSharedNssDb() const override;
#endif
  UserAccount CurrentUser() const override;
  std::vector<UserAccount> AllUsers() const override;
  bool IsAdmin() const override;
  bool ElevatesByUac() const override;
  bool IsProfileInUse(const std::filesystem::path& host_dir) const override;
#ifndef _WIN32
  // Windows keeps the default: its NSS worker never switches accounts.
  bool AccountCanReach(const std::filesystem::path& host_dir, std::uint32_t uid,
                       std::uint32_t gid) const override;
#endif
};

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_SYSTEM_ENVIRONMENT_H_
