#include "installer/registry_policy.h"

#include <algorithm>
#include <set>

namespace gcatrust {

namespace {

/// The index a value name stands for when it is all decimal digits ("1", "2", ..., also "007"
/// or a number of any length), as a decimal without leading zeros ("0" for "0"); empty for any
/// other name. Kept as text: a number too big for an integer type must still count, or the next
/// index could be the name of an administrator's value and overwrite it.
std::string ArrayIndex(const std::string& name) {
  if (name.empty() ||
      !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  const std::size_t first = name.find_first_not_of('0');
  return first == std::string::npos ? "0" : name.substr(first);
}

/// a < b for indices as ArrayIndex gives them.
bool IndexLess(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

/// index + 1, in decimal.
std::string NextIndex(std::string index) {
  for (std::size_t i = index.size(); i-- > 0;) {
    if (index[i] != '9') {
      ++index[i];
      return index;
    }
    index[i] = '0';
  }
  return "1" + index;
}

bool IsString(const RegistryValue& v) { return v.type != RegistryValueType::kOther; }

std::vector<std::string> SplitKeys(const std::string& joined) {
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start < joined.size()) {
    std::size_t end = joined.find(';', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) keys.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return keys;
}

std::string JoinKeys(const std::vector<std::string>& keys) {
  std::string joined;
  for (const std::string& k : keys) joined += (joined.empty() ? "" : ";") + k;
  return joined;
}

/// The keys recorded as created by gcatrust.
std::vector<std::string> CreatedKeys(const PolicyRegistry& registry) {
  if (!registry.KeyExists(kStateKey)) return {};
  auto values = registry.ListValues(kStateKey);
  if (!values.ok()) return {};
  for (const RegistryValue& v : values.value()) {
    if (v.name == kCreatedKeysValue && IsString(v)) return SplitKeys(v.data);
  }
  return {};
}

/// Policies\Mozilla\Firefox\Certificates\Install and each of its parents, deepest first.
std::vector<std::string> PolicyKeyChain() {
  std::vector<std::string> chain;
  std::string key = kInstallPolicyKey;
  while (true) {
    chain.push_back(key);
    const std::size_t cut = key.rfind('\\');
    if (cut == std::string::npos) break;
    key.resize(cut);
  }
  return chain;
}

}  // namespace

std::string MachineKeyName(const std::string& key) { return "HKLM\\SOFTWARE\\" + key; }

bool HasCertificatesPolicy(const PolicyRegistry& registry) {
  return registry.KeyExists(kCertificatesPolicyKey);
}

Result<std::vector<std::string>> RegistryInstallEntries(const PolicyRegistry& registry) {
  std::vector<std::string> entries;
  if (!registry.KeyExists(kInstallPolicyKey)) return entries;
  auto values = registry.ListValues(kInstallPolicyKey);
  if (!values.ok()) return values.status();
  for (const RegistryValue& v : values.value()) {
    if (IsString(v)) entries.push_back(v.data);
  }
  return entries;
}

Result<std::vector<RegistryEdit>> PlanRegistryInstall(const PolicyRegistry& registry,
                                                      const std::vector<std::string>& entries) {
  std::vector<RegistryEdit> edits;
  std::vector<RegistryValue> values;
  if (registry.KeyExists(kInstallPolicyKey)) {
    auto listed = registry.ListValues(kInstallPolicyKey);
    if (!listed.ok()) return listed.status();
    values = std::move(listed).value();
  }
  // After the highest index, so no value of the key is renamed or replaced.
  std::string highest = "0";
  for (const RegistryValue& v : values) {
    const std::string index = ArrayIndex(v.name);
    if (!index.empty() && IndexLess(highest, index)) highest = index;
  }

  for (const std::string& entry : entries) {
    const bool listed = std::any_of(values.begin(), values.end(), [&](const RegistryValue& v) {
      return IsString(v) && v.data == entry;
    });
    if (listed) continue;
    highest = NextIndex(highest);
    edits.push_back({RegistryEditKind::kSetValue, kInstallPolicyKey, highest, entry});
  }
  if (edits.empty()) return edits;

  // Create the missing keys first (outermost first) and remember them for uninstall.
  std::vector<std::string> created = CreatedKeys(registry);
  std::vector<RegistryEdit> creates;
  const std::vector<std::string> chain = PolicyKeyChain();
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (registry.KeyExists(*it)) continue;
    creates.push_back({RegistryEditKind::kCreateKey, *it, {}, {}});
    if (std::find(created.begin(), created.end(), *it) == created.end()) created.push_back(*it);
  }
  if (!creates.empty()) {
    creates.push_back({RegistryEditKind::kCreateKey, kStateKey, {}, {}});
    creates.push_back(
        {RegistryEditKind::kSetValue, kStateKey, kCreatedKeysValue, JoinKeys(created)});
  }
  edits.insert(edits.begin(), creates.begin(), creates.end());
  return edits;
}

Result<std::vector<RegistryEdit>> PlanRegistryUninstall(const PolicyRegistry& registry,
                                                        const std::vector<std::string>& entries) {
  std::vector<RegistryEdit> edits;
  bool install_left_empty = false;
  if (registry.KeyExists(kInstallPolicyKey)) {
    auto values = registry.ListValues(kInstallPolicyKey);
    if (!values.ok()) return values.status();
    std::size_t kept = 0;
    for (const RegistryValue& v : values.value()) {
      const bool ours =
          IsString(v) && std::find(entries.begin(), entries.end(), v.data) != entries.end();
      if (ours) {
        edits.push_back({RegistryEditKind::kDeleteValue, kInstallPolicyKey, v.name, {}});
      } else {
        ++kept;
      }
    }
    install_left_empty = kept == 0;
  }

  // Keys gcatrust created, deepest first, go once nothing else is in them.
  const std::vector<std::string> created = CreatedKeys(registry);
  if (created.empty()) return edits;
  std::set<std::string> deleted;
  for (const std::string& key : PolicyKeyChain()) {
    if (std::find(created.begin(), created.end(), key) == created.end()) break;
    if (!registry.KeyExists(key)) continue;
    bool empty = key == kInstallPolicyKey ? install_left_empty : true;
    if (key != kInstallPolicyKey) {
      auto values = registry.ListValues(key);
      empty = values.ok() && values.value().empty();
    }
    auto subkeys = registry.ListSubkeys(key);
    if (!subkeys.ok()) break;
    for (const std::string& sub : subkeys.value()) {
      if (deleted.count(key + "\\" + sub) == 0) empty = false;
    }
    if (!empty) break;
    edits.push_back({RegistryEditKind::kDeleteEmptyKey, key, {}, {}});
    deleted.insert(key);
  }
  // Bookkeeping: keep the keys still there, drop the value (and key) when none is left.
  std::vector<std::string> remaining;
  for (const std::string& key : created) {
    if (deleted.count(key) == 0 && registry.KeyExists(key)) remaining.push_back(key);
  }
  if (remaining.size() == created.size()) return edits;
  if (!remaining.empty()) {
    edits.push_back(
        {RegistryEditKind::kSetValue, kStateKey, kCreatedKeysValue, JoinKeys(remaining)});
    return edits;
  }
  edits.push_back({RegistryEditKind::kDeleteValue, kStateKey, kCreatedKeysValue, {}});
  auto state_values = registry.ListValues(kStateKey);
  auto state_subkeys = registry.ListSubkeys(kStateKey);
  if (state_values.ok() && state_values.value().size() == 1 && state_subkeys.ok() &&
      state_subkeys.value().empty()) {
    edits.push_back({RegistryEditKind::kDeleteEmptyKey, kStateKey, {}, {}});
  }
  return edits;
}

Status ApplyRegistryEdits(const std::vector<RegistryEdit>& edits, PolicyRegistry& registry) {
  for (const RegistryEdit& e : edits) {
    Status s;
    switch (e.kind) {
      case RegistryEditKind::kCreateKey:
        s = registry.CreateKey(e.key);
        break;
      case RegistryEditKind::kSetValue:
        s = registry.SetStringValue(e.key, e.name, e.data);
        break;
      case RegistryEditKind::kDeleteValue:
        s = registry.DeleteValue(e.key, e.name);
        break;
      case RegistryEditKind::kDeleteEmptyKey:
        s = registry.DeleteEmptyKey(e.key);
        break;
    }
    if (!s.ok()) return s;
  }
  return edits.empty() ? Status::Ok() : registry.Commit();
}

}  // namespace gcatrust
