// Last resort when no NSS library can be loaded: NSS's certutil (Debian: libnss3-tools), one
// command per certificate, the way mkcert does it (truststore_nss.go). It matches certificates by
// nickname only, and an older certutil misreads newer trust records (installer/docs/facts.md §4.5),
// so the worker with Firefox's own NSS is always tried first.
#ifndef GCATRUST_INSTALLER_CERTUTIL_RUNNER_H_
#define GCATRUST_INSTALLER_CERTUTIL_RUNNER_H_

#include <optional>
#include <vector>

#include "installer/nss/nss_job.h"
#include "installer/user_account.h"

namespace gcatrust {

std::vector<NssDatabaseResult> RunWithCertutil(const NssJob& job,
                                               const std::optional<UserAccount>& as_user);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_CERTUTIL_RUNNER_H_
