// Environment for unit tests: variables and install candidates set by the test.
#ifndef GCATRUST_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_
#define GCATRUST_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_

#include <map>

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

  std::map<std::string, std::string> variables;
  std::vector<InstallCandidate> candidates;
};

}  // namespace gcatrust

#endif  // GCATRUST_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_
