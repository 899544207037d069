// Certificates.Install in Firefox's Windows registry policies: plan, apply and inspect the edits
// of HKLM\SOFTWARE\Policies\Mozilla\Firefox\Certificates\Install.
//
// Layout read by Firefox (toolkit/components/enterprisepolicies/WindowsGPOParser.sys.mjs,
// registryToObject/readRegistryValue; also mozilla/policy-templates README, "Certificates"):
// the policies live under SOFTWARE\Policies\Mozilla\Firefox ("Mozilla\\" + appinfo.name); a key
// whose FIRST value is named "1" is an array of all its values in enumeration order; REG_SZ and
// REG_EXPAND_SZ values are strings. So Install is a subkey with values "1", "2", ... holding
// absolute certificate paths.
//
// gcatrust appends after the highest numbered value (it never fills gaps or renumbers, so an
// admin's or a GPO's own numbering is left alone), and uninstall deletes exactly the values whose
// data is one of gcatrust's paths. Keys gcatrust had to create are remembered under
// HKLM\SOFTWARE\gcatrust (value CreatedPolicyKeys) — never inside Firefox's key, where any
// extra value would become a policy — and are deleted again on uninstall once empty.
#ifndef GCATRUST_INSTALLER_REGISTRY_POLICY_H_
#define GCATRUST_INSTALLER_REGISTRY_POLICY_H_

#include <string>
#include <vector>

#include "installer/policy_registry.h"
#include "installer/result.h"

namespace gcatrust {

inline constexpr char kFirefoxPolicyKey[] = "Policies\\Mozilla\\Firefox";
inline constexpr char kCertificatesPolicyKey[] = "Policies\\Mozilla\\Firefox\\Certificates";
inline constexpr char kInstallPolicyKey[] = "Policies\\Mozilla\\Firefox\\Certificates\\Install";
/// gcatrust's own bookkeeping key and value (below HKLM\SOFTWARE).
inline constexpr char kStateKey[] = "gcatrust";
inline constexpr char kCreatedKeysValue[] = "CreatedPolicyKeys";

enum class RegistryEditKind { kCreateKey, kSetValue, kDeleteValue, kDeleteEmptyKey };

struct RegistryEdit {
  RegistryEditKind kind;
  std::string key;
  std::string name;  ///< value name (kSetValue, kDeleteValue)
  std::string data;  ///< value data (kSetValue)
};

/// True if the registry holds a Certificates policy: Firefox then ignores the whole
/// Certificates of every policies.json (EnterprisePoliciesParent.sys.mjs, CombinedProvider:
/// the registry wins per top-level policy), so gcatrust must write the registry instead.
bool HasCertificatesPolicy(const PolicyRegistry& registry);

/// The edits that list every entry in Install (none: already listed). Errors: a value of
/// Install that cannot be read.
Result<std::vector<RegistryEdit>> PlanRegistryInstall(const PolicyRegistry& registry,
                                                      const std::vector<std::string>& entries);
/// The edits that remove exactly the values holding one of the entries, then the keys gcatrust
/// created that are left empty, then its bookkeeping.
Result<std::vector<RegistryEdit>> PlanRegistryUninstall(const PolicyRegistry& registry,
                                                        const std::vector<std::string>& entries);
/// Carries out the edits in order, then commits; stops at the first failure.
Status ApplyRegistryEdits(const std::vector<RegistryEdit>& edits, PolicyRegistry& registry);

/// The entries Install lists (string values, in registry order).
Result<std::vector<std::string>> RegistryInstallEntries(const PolicyRegistry& registry);

/// "HKLM\SOFTWARE\<key>" for messages.
std::string MachineKeyName(const std::string& key);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_REGISTRY_POLICY_H_
