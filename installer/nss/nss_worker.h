// The NSS worker: the body of `gcatrust nss-worker`, run in a child process whose library path
// points at one Firefox installation (installer/docs/facts.md §5.1: only then do softoken,
// freebl and sqlite come from that Firefox too) and as the profiles' owner.
#ifndef GCATRUST_INSTALLER_NSS_NSS_WORKER_H_
#define GCATRUST_INSTALLER_NSS_NSS_WORKER_H_

#include <istream>
#include <ostream>

namespace gcatrust {

/// Reads one NssJob (JSON) from in, loads NSS (job.nss_dir + "/libnss3.so", or libnss3.so from
/// the default search when nss_dir is empty), processes the databases in order — a failure in
/// one is recorded and the next still runs — and writes the results (JSON) to out. When NSS
/// cannot be loaded every database gets kNssUnavailable with the loader's error.
/// Returns 0 when results were written; otherwise writes {"error": ...} and returns 2 (the job
/// itself was unreadable).
int RunNssWorker(std::istream& in, std::ostream& out);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_NSS_NSS_WORKER_H_
