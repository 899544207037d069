// Runs NSS jobs. The real runners start gcatrust's own NSS worker process (with the Firefox's
// library path, as the profile owner) or, as a last resort, certutil; unit tests of the core
// use a fake.
#ifndef GCATRUST_INSTALLER_NSS_RUNNER_H_
#define GCATRUST_INSTALLER_NSS_RUNNER_H_

#include <optional>
#include <vector>

#include "installer/nss/nss_job.h"
#include "installer/user_account.h"

namespace gcatrust {

class NssRunner {
 public:
  virtual ~NssRunner() = default;
  /// One result per job database, in order. as_user: do the work with that identity (root
  /// acting on another user's profile), so whatever NSS writes belongs to the profile owner.
  virtual std::vector<NssDatabaseResult> Run(const NssJob& job,
                                             const std::optional<UserAccount>& as_user) = 0;
};

/// Every database of the job with the same failure (the worker could not run at all).
std::vector<NssDatabaseResult> FailAll(const NssJob& job, NssOutcome outcome,
                                       const std::string& error);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_NSS_RUNNER_H_
