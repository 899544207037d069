#include "installer/nss/nss_worker.h"

#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "installer/nss/nss_database.h"
#include "installer/nss/nss_functions.h"
#include "installer/nss/nss_job.h"
#include "platform/nss_library.h"

namespace gcatrust {
namespace {

constexpr int kBadJob = 2;

std::string LibraryFor(const NssJob& job) {
  if (job.nss_dir.empty()) return NssLibraryFileName();
  std::string dir = job.nss_dir;
  if (dir.back() != '/') dir += '/';
  return dir + NssLibraryFileName();
}

}  // namespace

int RunNssWorker(std::istream& in, std::ostream& out) {
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  Result<NssJob> job = NssJobFromJson(text);
  if (!job.ok()) {
    out << nlohmann::json{{"error", job.message()}}.dump() << '\n';
    out.flush();
    return kBadJob;
  }

  std::vector<NssDatabaseResult> results;
  Result<NssFunctions> nss = LoadNssFunctions(LibraryFor(job.value()));
  for (const std::string& database : job.value().databases) {
    if (!nss.ok()) {
      NssDatabaseResult result;
      result.database = database;
      result.outcome = NssOutcome::kNssUnavailable;
      result.error = nss.message();
      results.push_back(result);
      continue;
    }
    results.push_back(ProcessNssDatabase(nss.value(), job.value().op, database, job.value().certs));
  }
  out << NssResultsToJson(results) << '\n';
  out.flush();
  return 0;
}

}  // namespace gcatrust
