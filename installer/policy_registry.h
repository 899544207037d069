// The narrow registry interface the policies method needs for Firefox's Windows policies: read,
// list, set and delete string values under a key of HKEY_LOCAL_MACHINE\SOFTWARE. platform/
// implements it for the live registry (policy_registry_win.cpp, Win32) and for the offline
// SOFTWARE hive of a mounted Windows image (policy_registry_hivex.cpp, libhivex); tests/support/
// has an in-memory fake.
#ifndef GCATRUST_INSTALLER_POLICY_REGISTRY_H_
#define GCATRUST_INSTALLER_POLICY_REGISTRY_H_

#include <memory>
#include <string>
#include <vector>

#include "installer/result.h"
#include "installer/system_root.h"

namespace gcatrust {

enum class RegistryValueType {
  kString,        ///< REG_SZ
  kExpandString,  ///< REG_EXPAND_SZ (Firefox expands %VARS% in it)
  kOther,         ///< any other type: kept as it is, never read as a path
};

struct RegistryValue {
  std::string name;  ///< UTF-8
  RegistryValueType type;
  std::string data;  ///< UTF-8 text for the string types, empty otherwise
};

/// Keys are paths below HKLM\SOFTWARE with '\' between components (e.g.
/// "Policies\\Mozilla\\Firefox"); names and data are UTF-8. Changes may be buffered until
/// Commit (the offline hive is written then, in one atomic rename).
class PolicyRegistry {
 public:
  virtual ~PolicyRegistry() = default;

  /// What to show the user: "HKLM\SOFTWARE" or the hive file.
  virtual std::string Describe() const = 0;
  virtual bool KeyExists(const std::string& key) const = 0;
  /// Values of a key in the registry's own order (the order Firefox enumerates them).
  virtual Result<std::vector<RegistryValue>> ListValues(const std::string& key) const = 0;
  virtual Result<std::vector<std::string>> ListSubkeys(const std::string& key) const = 0;
  /// True if gcatrust may change the registry (admin on Windows; a writable hive file).
  virtual bool IsWritable() const = 0;

  /// Creates key and its missing parents.
  virtual Status CreateKey(const std::string& key) = 0;
  /// Adds or replaces a REG_SZ value.
  virtual Status SetStringValue(const std::string& key, const std::string& name,
                                const std::string& data) = 0;
  /// Removes one value; every other value keeps its name, type and data.
  virtual Status DeleteValue(const std::string& key, const std::string& name) = 0;
  /// Removes a key that has no values and no subkeys.
  virtual Status DeleteEmptyKey(const std::string& key) = 0;
  /// Makes the changes durable.
  virtual Status Commit() = 0;
};

/// Opens the machine-wide registry of the system gcatrust acts on: the live registry for the
/// running Windows, or the SOFTWARE hive of a mounted Windows image. kNotFound when there is
/// none (e.g. an image without Windows\System32\config\SOFTWARE).
class PolicyRegistryOpener {
 public:
  virtual ~PolicyRegistryOpener() = default;
  virtual Result<std::unique_ptr<PolicyRegistry>> OpenMachine(const SystemRoot& root) = 0;
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_POLICY_REGISTRY_H_
