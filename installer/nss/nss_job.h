// The NSS work for one batch of certificate databases, as the parent sends it to an NSS worker
// process (gcatrust re-run as `gcatrust nss-worker`, with LD_LIBRARY_PATH set to the Firefox
// whose NSS it must load, and as the profile owner) and the results the worker sends back.
// Both travel as JSON over the worker's stdin/stdout.
#ifndef GCATRUST_INSTALLER_NSS_NSS_JOB_H_
#define GCATRUST_INSTALLER_NSS_NSS_JOB_H_

#include <string>
#include <vector>

#include "installer/result.h"

namespace gcatrust {

enum class NssOperation { kInstall, kUninstall, kStatus };

struct NssCert {
  std::string id;
  std::string nickname;  ///< stable, from the manifest: see NssNickname()
  std::string der;       ///< raw DER bytes (hex in JSON)
};

struct NssJob {
  NssOperation op = NssOperation::kStatus;
  /// Folder holding the libnss3 to load (a Firefox installation); empty: the system's libnss3.
  std::string nss_dir;
  std::vector<std::string> databases;  ///< "sql:/abs/profile" or "dbm:/abs/profile"
  /// Folders (absolute) the worker creates before working, each missing component with mode
  /// 0700 as Chromium's base::CreateDirectory does for ~/.pki/nssdb: so they belong to the
  /// worker's identity, the database's owner.
  std::vector<std::string> create_dirs;
  std::vector<NssCert> certs;
};

enum class NssCertState { kMissing, kPresent, kTrusted };

enum class NssOutcome {
  kChanged,          ///< install imported/trusted, or uninstall deleted something
  kUnchanged,        ///< already as wanted (also every status result)
  kFailed,           ///< error says why (corrupt DB, read-only, ...)
  kPrimaryPassword,  ///< protected by a Primary Password: skipped, never prompted
  kNssUnavailable,   ///< the NSS library could not be loaded: try another way (certutil)
};

struct NssDatabaseResult {
  std::string database;
  NssOutcome outcome = NssOutcome::kFailed;
  std::string error;
  std::vector<std::pair<std::string, NssCertState>> certs;  ///< id -> state after the work
  /// Which NSS did the work, set by the runner (not the worker): "<dir>/libnss3.so" of an
  /// installation, "system libnss3" or "certutil".
  std::string nss_used = {};
};

std::string NssJobToJson(const NssJob& job);
Result<NssJob> NssJobFromJson(const std::string& text);
std::string NssResultsToJson(const std::vector<NssDatabaseResult>& results);
/// What the worker prints when it could not read its job.
std::string NssWorkerErrorToJson(const std::string& error);
Result<std::vector<NssDatabaseResult>> NssResultsFromJson(const std::string& text);

/// Nickname under which gcatrust imports a certificate: "<name> (gcatrust <id>)". Stable across
/// runs and versions, unique per certificate even where subjects repeat (GRCA1, GRCA2 and the
/// cross certificate share one subject, certs/README.md).
std::string NssNickname(const std::string& name, const std::string& id);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_NSS_NSS_JOB_H_
