// One NSS certificate database (a Firefox profile's cert9.db/key4.db, or a legacy cert8.db):
// install, uninstall or report gcatrust's certificates with the NSS loaded in NssFunctions.
//
// NSS keeps one process-wide database open between NSS_Initialize and NSS_Shutdown, so this
// opens, works and shuts down for each database in turn; databases are never open together.
#ifndef GCATRUST_INSTALLER_NSS_NSS_DATABASE_H_
#define GCATRUST_INSTALLER_NSS_NSS_DATABASE_H_

#include <string>
#include <vector>

#include "installer/nss/nss_job.h"

namespace gcatrust {

struct NssFunctions;

/// Does op on database ("sql:/abs/dir" or "dbm:/abs/dir") for every cert:
/// - kInstall: a cert already held with TLS CA trust is left alone; otherwise it is imported
///   (if missing) under its nickname and given trust "C,,". kChanged when anything was written.
/// - kUninstall: every permanent copy of each cert (matched by DER, whatever its nickname) is
///   deleted with its trust, and so is a trust record left without its certificate (an older
///   certutil's delete leaves those; installer/docs/facts.md §4.5). kChanged when anything was
///   deleted.
/// - kStatus: only reads; outcome kUnchanged.
/// The database is first opened read-only; it is opened for writing only when a change is due
/// (a newer NSS rewrites an older database on a read-write open), and every write is read back
/// in a fresh read-only session. A directory with no database yet is created by the write (as
/// Firefox's first start does); status on it fails.
/// A database whose empty password is refused gives kPrimaryPassword when it needed a change
/// (it is never written and no password is asked for); certs then holds what could be read.
/// Any other failure gives kFailed with the NSS error name and the database in error.
NssDatabaseResult ProcessNssDatabase(const NssFunctions& nss, NssOperation op,
                                     const std::string& database,
                                     const std::vector<NssCert>& certs);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_NSS_NSS_DATABASE_H_
