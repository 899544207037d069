// In-memory PolicyRegistry for unit tests: keys in a map, values in insertion order (as the
// registry enumerates them), a read-only switch, and a count of commits.
#ifndef GCATRUST_TESTS_SUPPORT_FAKE_POLICY_REGISTRY_H_
#define GCATRUST_TESTS_SUPPORT_FAKE_POLICY_REGISTRY_H_

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "installer/policy_registry.h"

namespace gcatrust {

class FakePolicyRegistry : public PolicyRegistry {
 public:
  /// Adds a value (and its key) without counting it as a change.
  void Add(const std::string& key, const std::string& name, const std::string& data,
           RegistryValueType type = RegistryValueType::kString) {
    CreateKey(key);
    keys_[key].push_back({name, type, data});
  }

  std::string Describe() const override { return "fake HKLM\\SOFTWARE"; }
  bool KeyExists(const std::string& key) const override { return keys_.count(key) > 0; }
  Result<std::vector<RegistryValue>> ListValues(const std::string& key) const override {
    auto it = keys_.find(key);
    if (it == keys_.end()) return Status::Error("no key " + key, ErrorKind::kNotFound);
    return it->second;
  }
  Result<std::vector<std::string>> ListSubkeys(const std::string& key) const override {
    if (!KeyExists(key)) return Status::Error("no key " + key, ErrorKind::kNotFound);
    std::vector<std::string> subs;
    const std::string prefix = key + "\\";
    for (const auto& [k, v] : keys_) {
      if (k.compare(0, prefix.size(), prefix) == 0 && k.find('\\', prefix.size()) == k.npos) {
        subs.push_back(k.substr(prefix.size()));
      }
    }
    return subs;
  }
  bool IsWritable() const override { return writable; }

  Status CreateKey(const std::string& key) override {
    if (!writable) return Denied();
    for (std::size_t cut = key.find('\\'); cut != key.npos; cut = key.find('\\', cut + 1)) {
      keys_.try_emplace(key.substr(0, cut));
    }
    keys_.try_emplace(key);
    return Status::Ok();
  }
  Status SetStringValue(const std::string& key, const std::string& name,
                        const std::string& data) override {
    if (!writable) return Denied();
    auto it = keys_.find(key);
    if (it == keys_.end()) return Status::Error("no key " + key);
    auto v = Find(it->second, name);
    if (v != it->second.end()) {
      *v = {name, RegistryValueType::kString, data};
    } else {
      it->second.push_back({name, RegistryValueType::kString, data});
    }
    ++changes;
    return Status::Ok();
  }
  Status DeleteValue(const std::string& key, const std::string& name) override {
    if (!writable) return Denied();
    auto it = keys_.find(key);
    if (it == keys_.end()) return Status::Error("no key " + key);
    auto v = Find(it->second, name);
    if (v == it->second.end()) return Status::Error("no value " + name);
    it->second.erase(v);
    ++changes;
    return Status::Ok();
  }
  Status DeleteEmptyKey(const std::string& key) override {
    if (!writable) return Denied();
    auto subs = ListSubkeys(key);
    if (!subs.ok() || !subs.value().empty() || !keys_[key].empty()) {
      return Status::Error("key not empty: " + key);
    }
    keys_.erase(key);
    ++changes;
    return Status::Ok();
  }
  Status Commit() override {
    ++commits;
    return Status::Ok();
  }

  /// Every key with its values, for "nothing else changed" comparisons.
  const std::map<std::string, std::vector<RegistryValue>>& keys() const { return keys_; }

  bool writable = true;
  int changes = 0;
  int commits = 0;

 private:
  static Status Denied() { return Status::Error("access denied", ErrorKind::kNeedsAdmin); }
  static std::vector<RegistryValue>::iterator Find(std::vector<RegistryValue>& values,
                                                   const std::string& name) {
    return std::find_if(values.begin(), values.end(),
                        [&](const RegistryValue& v) { return v.name == name; });
  }

  std::map<std::string, std::vector<RegistryValue>> keys_;
};

inline bool operator==(const RegistryValue& a, const RegistryValue& b) {
  return a.name == b.name && a.type == b.type && a.data == b.data;
}

}  // namespace gcatrust

#endif  // GCATRUST_TESTS_SUPPORT_FAKE_POLICY_REGISTRY_H_
