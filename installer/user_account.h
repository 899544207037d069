// A user whose Firefox profiles gcatrust may act on.
#ifndef GCATRUST_INSTALLER_USER_ACCOUNT_H_
#define GCATRUST_INSTALLER_USER_ACCOUNT_H_

#include <cstdint>
#include <filesystem>
#include <string>

namespace gcatrust {

struct UserAccount {
  std::string name;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::filesystem::path home;  ///< system path
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_USER_ACCOUNT_H_
