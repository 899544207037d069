// NssRunner for unit tests of the core: keeps per-database certificate states in memory and
// records each job, so tests check what the core asked for (databases, identity, NSS folder).
#ifndef GCATRUST_TESTS_SUPPORT_FAKE_NSS_RUNNER_H_
#define GCATRUST_TESTS_SUPPORT_FAKE_NSS_RUNNER_H_

#include <map>
#include <mutex>
#include <set>

#include "installer/nss_runner.h"

namespace gcatrust {

class FakeNssRunner : public NssRunner {
 public:
  std::vector<NssDatabaseResult> Run(const NssJob& job,
                                     const std::optional<UserAccount>& as_user) override {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs.push_back({job, as_user});
    std::vector<NssDatabaseResult> results;
    for (const std::string& db : job.databases) {
      if (outcomes.count(db)) {
        results.push_back({db, outcomes[db], "fake failure", {}});
        continue;
      }
      NssDatabaseResult r{db, NssOutcome::kUnchanged, {}, {}};
      for (const NssCert& c : job.certs) {
        bool& trusted = trusted_[db][c.id];
        if (job.op == NssOperation::kInstall && !trusted) r.outcome = NssOutcome::kChanged;
        if (job.op == NssOperation::kUninstall && trusted) r.outcome = NssOutcome::kChanged;
        if (job.op == NssOperation::kInstall) trusted = true;
        if (job.op == NssOperation::kUninstall) trusted = false;
        r.certs.emplace_back(c.id, trusted ? NssCertState::kTrusted : NssCertState::kMissing);
      }
      results.push_back(r);
    }
    return results;
  }

  bool Trusted(const std::string& db, const std::string& id) { return trusted_[db][id]; }

  struct Call {
    NssJob job;
    std::optional<UserAccount> as_user;
  };
  std::vector<Call> jobs;
  std::map<std::string, NssOutcome> outcomes;  ///< force an outcome for a database

 private:
  std::mutex mutex_;
  std::map<std::string, std::map<std::string, bool>> trusted_;
};

}  // namespace gcatrust

#endif  // GCATRUST_TESTS_SUPPORT_FAKE_NSS_RUNNER_H_
