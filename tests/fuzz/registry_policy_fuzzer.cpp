// Fuzz target: Certificates.Install in Firefox's Windows registry policies
// (installer/registry_policy.h), planned and applied on the in-memory registry of the unit tests
// (tests/support/fake_policy_registry.h). Firefox reads the values "1", "2", ... of
// HKLM\SOFTWARE\Policies\Mozilla\Firefox\Certificates\Install (WindowsGPOParser.sys.mjs);
// gcatrust appends its own after the highest index and removes exactly them again.
//
// The input is the registry, one value per line: a key letter, a type letter, the value's name,
// a tab, its data. Key letters: P Policies, M ...\Mozilla, F ...\Firefox, C ...\Certificates,
// I ...\Install, U a subkey of Install, E another Firefox policy key (Extensions), S gcatrust's
// own bookkeeping key. Type letters: s REG_SZ, e REG_EXPAND_SZ, o any other type; any other
// letter (or a line of just the key letter) makes the key without a value. Names and data are
// any bytes (not UTF-8, empty, "0", "007", 20 digits, ...); a name already in the key is
// skipped, as the registry holds each name once. A first line "#..." chooses gcatrust's
// entries (each byte picks one path), else there are two.
//
// Properties:
//  - install keeps every existing value (name, type, data; order) and every other key as they
//    were; it adds each of our entries not listed yet, once, named by consecutive indices above
//    the highest numbered name present, and creates only the missing keys of
//    Policies\...\Install and gcatrust's bookkeeping;
//  - install twice is install once (nothing planned the second time);
//  - uninstall after install removes exactly our entries (those the administrator had listed
//    too: gcatrust cannot tell them apart) and leaves every other value and key as it was
//    before install: the same registry, when gcatrust had no bookkeeping of an earlier run;
//  - uninstall twice is uninstall once.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "installer/registry_policy.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/support/fake_policy_registry.h"

namespace {

using gcatrust::FakePolicyRegistry;
using gcatrust::kInstallPolicyKey;
using gcatrust::RegistryValue;
using gcatrust::RegistryValueType;
using Keys = std::map<std::string, std::vector<RegistryValue>>;

// What PolicyTarget's Windows layouts write (policy_layouts.cpp: %ProgramData%\gcatrust\certs,
// policy_plan.cpp CertFileName), with an odd ProgramData too.
const char* const kOurPaths[] = {
    "C:\\ProgramData\\gcatrust\\certs\\gcatrust-grca1.der",
    "C:\\ProgramData\\gcatrust\\certs\\gcatrust-grca2.der",
    "C:\\ProgramData\\gcatrust\\certs\\gcatrust-gca2.der",
    "D:\\\xe8\xb3\x87\xe6\x96\x99\\gcatrust\\certs\\gcatrust-grca1.der",  // D:\資料\...
};
constexpr std::size_t kOurPathCount = sizeof(kOurPaths) / sizeof(kOurPaths[0]);

std::string KeyFor(char letter) {
  switch (letter) {
    case 'P':
      return "Policies";
    case 'M':
      return "Policies\\Mozilla";
    case 'F':
      return gcatrust::kFirefoxPolicyKey;
    case 'C':
      return gcatrust::kCertificatesPolicyKey;
    case 'I':
      return kInstallPolicyKey;
    case 'U':
      return std::string(kInstallPolicyKey) + "\\Sub";
    case 'E':
      return std::string(gcatrust::kFirefoxPolicyKey) + "\\Extensions";
    case 'S':
      return gcatrust::kStateKey;
    default:
      return {};
  }
}

struct Input {
  FakePolicyRegistry registry;
  std::vector<std::string> ours;
};

void Parse(std::string_view text, Input& in) {
  bool first = true;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (first && !line.empty() && line[0] == '#') {
      for (std::size_t i = 1; i < line.size() && in.ours.size() < 3; ++i) {
        const std::string path = kOurPaths[static_cast<unsigned char>(line[i]) % kOurPathCount];
        if (std::find(in.ours.begin(), in.ours.end(), path) == in.ours.end()) {
          in.ours.push_back(path);
        }
      }
      first = false;
      continue;
    }
    first = false;
    if (line.empty()) continue;
    const std::string key = KeyFor(line[0]);
    if (key.empty()) continue;
    RegistryValueType type;
    switch (line.size() > 1 ? line[1] : '\0') {
      case 's':
        type = RegistryValueType::kString;
        break;
      case 'e':
        type = RegistryValueType::kExpandString;
        break;
      case 'o':
        type = RegistryValueType::kOther;
        break;
      default:
        in.registry.CreateKey(key);
        continue;
    }
    const std::string_view rest = line.substr(2);
    const std::size_t tab = rest.find('\t');
    const std::string name(rest.substr(0, tab));
    // Other types hold no text for gcatrust (RegistryValue::data is empty for them).
    const std::string data(tab == std::string_view::npos || type == RegistryValueType::kOther
                               ? std::string_view()
                               : rest.substr(tab + 1));
    in.registry.CreateKey(key);
    const std::vector<RegistryValue> present = in.registry.ListValues(key).value();
    if (std::none_of(present.begin(), present.end(),
                     [&](const RegistryValue& v) { return v.name == name; })) {
      in.registry.Add(key, name, data, type);
    }
  }
  if (in.ours.empty()) in.ours = {kOurPaths[0], kOurPaths[1]};
}

// The index a name stands for when it is all decimal digits, as a canonical decimal string
// (no leading zeros; "0" for "0" or "000"); empty for any other name. Compared as numbers
// of any length by Less, so no size limit hides a name.
std::string Index(const std::string& name) {
  if (name.empty() ||
      !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  const std::size_t nonzero = name.find_first_not_of('0');
  return nonzero == std::string::npos ? "0" : name.substr(nonzero);
}

bool Less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

std::string Increment(std::string n) {
  for (std::size_t i = n.size(); i-- > 0;) {
    if (n[i] != '9') {
      ++n[i];
      return n;
    }
    n[i] = '0';
  }
  return "1" + n;
}

bool IsString(const RegistryValue& v) { return v.type != RegistryValueType::kOther; }

std::vector<RegistryValue> ValuesOf(const Keys& keys, const std::string& key) {
  auto it = keys.find(key);
  return it == keys.end() ? std::vector<RegistryValue>() : it->second;
}

bool Listed(const std::vector<RegistryValue>& values, const std::string& data) {
  return std::any_of(values.begin(), values.end(),
                     [&](const RegistryValue& v) { return IsString(v) && v.data == data; });
}

bool IsOurs(const std::vector<std::string>& ours, const RegistryValue& v) {
  return IsString(v) && std::find(ours.begin(), ours.end(), v.data) != ours.end();
}

bool InChainOrState(const std::string& key) {
  for (const char letter : {'P', 'M', 'F', 'C', 'I', 'S'}) {
    if (key == KeyFor(letter)) return true;
  }
  return false;
}

void Apply(const gcatrust::Result<std::vector<gcatrust::RegistryEdit>>& edits,
           FakePolicyRegistry& registry) {
  FUZZ_CHECK(edits.ok());
  FUZZ_CHECK(gcatrust::ApplyRegistryEdits(edits.value(), registry).ok());
}

void CheckInstall(const Keys& before, const Keys& after, const std::vector<std::string>& ours) {
  // Every key that was there keeps its values; only Install gains some, at its end.
  for (const auto& [key, values] : before) {
    FUZZ_CHECK(after.count(key) == 1);
    const std::vector<RegistryValue>& now = after.at(key);
    if (key != kInstallPolicyKey && key != gcatrust::kStateKey) FUZZ_CHECK(now == values);
  }
  for (const auto& [key, values] : after) {
    if (before.count(key) == 0) FUZZ_CHECK(InChainOrState(key));
  }
  const std::vector<RegistryValue> old_install = ValuesOf(before, kInstallPolicyKey);
  const std::vector<RegistryValue> new_install = ValuesOf(after, kInstallPolicyKey);
  FUZZ_CHECK(new_install.size() >= old_install.size());
  FUZZ_CHECK(std::equal(old_install.begin(), old_install.end(), new_install.begin()));

  // The added values: our entries not listed yet, in order, one each, named highest + 1, ...
  std::string highest = "0";
  for (const RegistryValue& v : old_install) {
    const std::string index = Index(v.name);
    if (!index.empty() && Less(highest, index)) highest = index;
  }
  std::vector<std::string> expected;
  for (const std::string& e : ours) {
    if (!Listed(old_install, e)) expected.push_back(e);
  }
  FUZZ_CHECK(new_install.size() == old_install.size() + expected.size());
  std::string name = highest;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const RegistryValue& added = new_install[old_install.size() + i];
    name = Increment(name);
    FUZZ_CHECK(added.name == name);
    FUZZ_CHECK(added.type == RegistryValueType::kString);
    FUZZ_CHECK(added.data == expected[i]);
  }
}

// The registry before install, without our entries, and without the keys gcatrust's
// bookkeeping says it created once they are empty: what uninstall must leave.
void CheckUninstall(const Keys& before, const Keys& after, const std::vector<std::string>& ours) {
  const bool had_bookkeeping = before.count(gcatrust::kStateKey) > 0;
  Keys expected = before;
  std::vector<RegistryValue>& install = expected[kInstallPolicyKey];
  install.erase(std::remove_if(install.begin(), install.end(),
                               [&](const RegistryValue& v) { return IsOurs(ours, v); }),
                install.end());
  if (before.count(kInstallPolicyKey) == 0) expected.erase(kInstallPolicyKey);
  if (!had_bookkeeping) {
    FUZZ_CHECK(after == expected);
    return;
  }
  // An earlier run's bookkeeping may name keys that now go once empty; nothing else changes.
  for (const auto& [key, values] : expected) {
    if (key == gcatrust::kStateKey) continue;
    auto it = after.find(key);
    if (it == after.end()) {
      FUZZ_CHECK(InChainOrState(key) && values.empty());
    } else {
      FUZZ_CHECK(it->second == values);
    }
  }
  for (const auto& [key, values] : after) FUZZ_CHECK(expected.count(key) == 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input in;
  Parse(std::string_view(reinterpret_cast<const char*>(data), size), in);
  FakePolicyRegistry& registry = in.registry;
  const Keys before = registry.keys();

  Apply(gcatrust::PlanRegistryInstall(registry, in.ours), registry);
  const Keys installed = registry.keys();
  CheckInstall(before, installed, in.ours);
  auto entries = gcatrust::RegistryInstallEntries(registry);
  FUZZ_CHECK(entries.ok());
  for (const std::string& e : in.ours) {
    FUZZ_CHECK(std::count(entries.value().begin(), entries.value().end(), e) >= 1);
  }

  auto again = gcatrust::PlanRegistryInstall(registry, in.ours);
  FUZZ_CHECK(again.ok() && again.value().empty());

  Apply(gcatrust::PlanRegistryUninstall(registry, in.ours), registry);
  const Keys uninstalled = registry.keys();
  CheckUninstall(before, uninstalled, in.ours);
  auto left = gcatrust::RegistryInstallEntries(registry);
  FUZZ_CHECK(left.ok());
  for (const std::string& e : in.ours) {
    FUZZ_CHECK(std::count(left.value().begin(), left.value().end(), e) == 0);
  }

  auto twice = gcatrust::PlanRegistryUninstall(registry, in.ours);
  FUZZ_CHECK(twice.ok() && twice.value().empty());
  return 0;
}
