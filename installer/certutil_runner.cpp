#include "installer/certutil_runner.h"

#include <sstream>

#include "platform/nss_library.h"
#include "platform/process.h"

namespace gcatrust {

namespace {

class Certutil {
 public:
  Certutil(const std::string& db, const std::optional<UserAccount>& as_user)
      : db_(db), as_user_(as_user) {}

  /// certutil with the database and an empty password file (-f /dev/null: the empty password,
  /// so a profile with a Primary Password fails instead of prompting).
  Result<ProcessResult> Run(std::vector<std::string> args, std::string input = {}) const {
    ProcessSpec spec;
    spec.argv = {NssCertutilProgram(), "-d", db_, "-f", "/dev/null"};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.stdin_data = std::move(input);
    if (as_user_) {
      spec.uid = as_user_->uid;
      spec.gid = as_user_->gid;
      spec.user_name = as_user_->name;
    }
    return RunProcess(spec);
  }

  /// Trust column of nickname in `certutil -L` ("C,," ...), or nullopt when absent.
  std::optional<std::string> Trust(const std::string& nickname) const {
    auto listing = Run({"-L"});
    if (!listing.ok()) return std::nullopt;
    std::istringstream lines(listing.value().stdout_data);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(nickname, 0) != 0 || line.size() <= nickname.size() ||
          line[nickname.size()] != ' ') {
        continue;  // another certificate, perhaps one whose nickname starts like ours
      }
      line.erase(line.find_last_not_of(" \t\r") + 1);  // certutil pads the trust column
      const std::size_t last_space = line.find_last_of(' ');
      if (last_space == std::string::npos) continue;
      return line.substr(last_space + 1);
    }
    return std::nullopt;
  }

 private:
  std::string db_;
  std::optional<UserAccount> as_user_;
};

NssCertState StateOf(const Certutil& certutil, const NssCert& cert) {
  auto trust = certutil.Trust(cert.nickname);
  if (!trust) return NssCertState::kMissing;
  const std::string ssl = trust->substr(0, trust->find(','));
  return ssl.find('C') != std::string::npos ? NssCertState::kTrusted : NssCertState::kPresent;
}

std::string Describe(const ProcessResult& r) {
  std::string text = r.stderr_data.empty() ? r.stdout_data : r.stderr_data;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return "certutil: " + text;
}

bool IsPasswordError(const ProcessResult& r) {
  return r.stderr_data.find("SEC_ERROR_BAD_PASSWORD") != std::string::npos ||
         r.stderr_data.find("Incorrect password") != std::string::npos;
}

NssDatabaseResult RunOne(const NssJob& job, const std::string& db,
                         const std::optional<UserAccount>& as_user) {
  NssDatabaseResult result{db, NssOutcome::kUnchanged, {}, {}};
  Certutil certutil(db, as_user);
  for (const NssCert& cert : job.certs) {
    NssCertState state = StateOf(certutil, cert);
    const bool act = (job.op == NssOperation::kInstall && state != NssCertState::kTrusted) ||
                     (job.op == NssOperation::kUninstall && state != NssCertState::kMissing);
    if (act) {
      auto r = job.op == NssOperation::kInstall
                   // -t "C,,": trusted CA for TLS server authentication only.
                   ? certutil.Run({"-A", "-n", cert.nickname, "-t", "C,,"}, cert.der)
                   : certutil.Run({"-D", "-n", cert.nickname});
      if (!r.ok()) return {db, NssOutcome::kFailed, r.message(), {}};
      if (r.value().exit_code != 0) {
        return {db,
                IsPasswordError(r.value()) ? NssOutcome::kPrimaryPassword : NssOutcome::kFailed,
                Describe(r.value()),
                {}};
      }
      state = StateOf(certutil, cert);
      const bool done = job.op == NssOperation::kInstall ? state == NssCertState::kTrusted
                                                         : state == NssCertState::kMissing;
      if (!done) return {db, NssOutcome::kFailed, "certutil: change did not read back", {}};
      result.outcome = NssOutcome::kChanged;
    }
    result.certs.emplace_back(cert.id, state);
  }
  return result;
}

}  // namespace

std::vector<NssDatabaseResult> RunWithCertutil(const NssJob& job,
                                               const std::optional<UserAccount>& as_user) {
  // Where the name certutil means another program (Windows), there is no fallback at all.
  const char* program = NssCertutilProgram();
  ProcessSpec probe;
  if (program != nullptr) probe.argv = {program, "-H"};
  auto available =
      program != nullptr ? RunProcess(probe) : Result<ProcessResult>(Status::Error(""));
  if (!available.ok() || available.value().exit_code == 127) {
    std::vector<NssDatabaseResult> none;
    for (const std::string& db : job.databases) {
      none.push_back({db,
                      NssOutcome::kNssUnavailable,
                      program != nullptr
                          ? "certutil not found either (Debian: apt install libnss3-tools)"
                          : "and this system has no NSS certutil to fall back on",
                      {}});
    }
    return none;
  }
  std::vector<NssDatabaseResult> results;
  for (const std::string& db : job.databases) results.push_back(RunOne(job, db, as_user));
  return results;
}

}  // namespace gcatrust
