#include "installer/worker_nss_runner.h"

#include "installer/certutil_runner.h"
#include "platform/process.h"

namespace gcatrust {

std::vector<NssDatabaseResult> FailAll(const NssJob& job, NssOutcome outcome,
                                       const std::string& error) {
  std::vector<NssDatabaseResult> results;
  for (const std::string& db : job.databases) results.push_back({db, outcome, error, {}});
  return results;
}

namespace {

std::vector<NssDatabaseResult> RunWorker(const NssJob& job,
                                         const std::optional<UserAccount>& as_user) {
  ProcessSpec spec;
  spec.argv = {SelfExecutablePath().u8string(), "nss-worker"};
  if (!job.nss_dir.empty()) spec.env = LibraryPathEnvironment(job.nss_dir);
  spec.stdin_data = NssJobToJson(job);
  if (as_user) {
    spec.uid = as_user->uid;
    spec.gid = as_user->gid;
    spec.user_name = as_user->name;
  }
  auto run = RunProcess(spec);
  if (!run.ok()) return FailAll(job, NssOutcome::kFailed, run.message());
  auto results = NssResultsFromJson(run.value().stdout_data);
  if (!results.ok() || results.value().size() != job.databases.size()) {
    std::string why = run.value().stderr_data;
    while (!why.empty() && why.back() == '\n') why.pop_back();
    return FailAll(job, NssOutcome::kFailed,
                   "the NSS worker failed (exit " + std::to_string(run.value().exit_code) +
                       (why.empty() ? ")" : "): " + why));
  }
  return std::move(results).value();
}

std::string LibraryName(const NssJob& job) {
  return job.nss_dir.empty() ? "system libnss3" : job.nss_dir + "/libnss3";
}

// The worker with the job's NSS; a worker that could not load it, or died with it loaded (an
// installation's NSS built for another runtime: a snap's libraries need the snap's own base,
// installer/docs/facts.md §5.4), is tried again with the system's libnss3 before giving up.
std::vector<NssDatabaseResult> RunWorkerWithFallback(const NssJob& job,
                                                     const std::optional<UserAccount>& as_user) {
  std::vector<NssDatabaseResult> results = RunWorker(job, as_user);
  for (NssDatabaseResult& r : results) r.nss_used = LibraryName(job);
  if (job.nss_dir.empty()) return results;
  NssJob system = job;
  system.nss_dir.clear();
  system.databases.clear();
  for (const NssDatabaseResult& r : results) {
    // A failure before any database was opened ("the NSS worker failed") is the library's
    // fault too; a database-level failure is not retried (it would fail the same way).
    const bool worker_died = r.outcome == NssOutcome::kFailed && r.certs.empty() &&
                             r.error.rfind("the NSS worker failed", 0) == 0;
    if (r.outcome == NssOutcome::kNssUnavailable || worker_died) {
      system.databases.push_back(r.database);
    }
  }
  if (system.databases.empty()) return results;
  std::vector<NssDatabaseResult> retried = RunWorker(system, as_user);
  auto next = retried.begin();
  for (NssDatabaseResult& r : results) {
    if (next == retried.end() || r.database != next->database) continue;
    const std::string first_error = r.error;
    r = *next++;
    r.nss_used = LibraryName(system) + " (" + LibraryName(job) + " failed: " + first_error + ")";
  }
  return results;
}

}  // namespace

std::vector<NssDatabaseResult> WorkerNssRunner::Run(const NssJob& job,
                                                    const std::optional<UserAccount>& as_user) {
  std::vector<NssDatabaseResult> results = RunWorkerWithFallback(job, as_user);
  // certutil only as the last resort, for the databases no NSS library could be loaded for.
  NssJob rest = job;
  rest.databases.clear();
  for (const NssDatabaseResult& r : results) {
    if (r.outcome == NssOutcome::kNssUnavailable) rest.databases.push_back(r.database);
  }
  if (rest.databases.empty()) return results;
  std::vector<NssDatabaseResult> fallback = RunWithCertutil(rest, as_user);
  auto next = fallback.begin();
  for (NssDatabaseResult& r : results) {
    if (r.outcome != NssOutcome::kNssUnavailable || next == fallback.end()) continue;
    if (next->outcome != NssOutcome::kNssUnavailable) {
      r = *next;
      r.nss_used = "certutil";
    } else {
      r.error += "; " + next->error;
    }
    ++next;
  }
  return results;
}

}  // namespace gcatrust
