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

}  // namespace

std::vector<NssDatabaseResult> WorkerNssRunner::Run(const NssJob& job,
                                                    const std::optional<UserAccount>& as_user) {
  std::vector<NssDatabaseResult> results = RunWorker(job, as_user);
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
    } else {
      r.error += "; " + next->error;
    }
    ++next;
  }
  return results;
}

}  // namespace gcatrust
