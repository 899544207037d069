#include "installer/nss/nss_worker.h"

#include <filesystem>
#include <iterator>
#include <map>
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

// mkdir -p with mode 0700 for every component it creates, as Chromium's base::CreateDirectory
// (base/files/file_util_posix.cc: mkdir(path, 0700) per missing component) makes ~/.pki/nssdb.
// Existing components are left as they are.
std::string CreatePrivateDirectories(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::path built;
  for (const std::filesystem::path& part : dir) {
    built /= part;
    if (std::filesystem::exists(built, error)) continue;
    if (!std::filesystem::create_directory(built, error)) {
      return "cannot create " + built.u8string() + ": " + error.message();
    }
    std::filesystem::permissions(built, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, error);
    if (error) return "cannot set the mode of " + built.u8string() + ": " + error.message();
  }
  return {};
}

}  // namespace

int RunNssWorker(std::istream& in, std::ostream& out) {
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  Result<NssJob> job = NssJobFromJson(text);
  if (!job.ok()) {
    out << NssWorkerErrorToJson(job.message()) << '\n';
    out.flush();
    return kBadJob;
  }

  std::map<std::string, std::string> create_errors;  // database -> why its folder is missing
  for (const std::string& dir : job.value().create_dirs) {
    const std::string error = CreatePrivateDirectories(std::filesystem::u8path(dir));
    if (!error.empty()) create_errors["sql:" + dir] = error;
  }

  std::vector<NssDatabaseResult> results;
  Result<NssFunctions> nss = LoadNssFunctions(LibraryFor(job.value()));
  for (const std::string& database : job.value().databases) {
    if (auto failed = create_errors.find(database); failed != create_errors.end()) {
      results.push_back({database, NssOutcome::kFailed, failed->second, {}});
      continue;
    }
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
