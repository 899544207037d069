// PolicyRegistry on the offline SOFTWARE hive of a mounted Windows image, through libhivex.
#ifndef GCATRUST_PLATFORM_POLICY_REGISTRY_HIVEX_H_
#define GCATRUST_PLATFORM_POLICY_REGISTRY_HIVEX_H_

#include <filesystem>
#include <memory>

#include "installer/policy_registry.h"

namespace gcatrust {

/// Opens hive_file (a SOFTWARE hive: its root is HKLM\SOFTWARE) for reading and, when the file
/// and its folder are writable, writing. Commit first copies the hive to
/// "<hive>.gcatrust-backup", then writes a temporary hive beside it and renames it over the
/// original (mode and owner kept), so Windows never finds half a hive.
Result<std::unique_ptr<PolicyRegistry>> OpenHiveRegistry(const std::filesystem::path& hive_file);

/// Where a Windows image keeps HKLM\SOFTWARE.
inline const std::filesystem::path kSoftwareHive = "/Windows/System32/config/SOFTWARE";

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_POLICY_REGISTRY_HIVEX_H_
