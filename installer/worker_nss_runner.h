// The real NssRunner: `gcatrust nss-worker` in a child process, with the NSS of the job's
// Firefox and, failing that, certutil for the databases the worker could not reach.
#ifndef GCATRUST_INSTALLER_WORKER_NSS_RUNNER_H_
#define GCATRUST_INSTALLER_WORKER_NSS_RUNNER_H_

#include "installer/nss_runner.h"

namespace gcatrust {

class WorkerNssRunner : public NssRunner {
 public:
  std::vector<NssDatabaseResult> Run(const NssJob& job,
                                     const std::optional<UserAccount>& as_user) override;
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_WORKER_NSS_RUNNER_H_
