// The NSS worker end to end: the driver program run as a child process, with the system's NSS
// (3.87) or Firefox ESR's own (LD_LIBRARY_PATH=/usr/lib/firefox-esr, installer/docs/facts.md §5.1),
// on real databases in temp dirs made by certutil or by Firefox's NSS. The certificates are the
// five of the default set (certs/), converted to DER with openssl.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "installer/nss/nss_job.h"

namespace gcatrust {
namespace {

namespace fs = std::filesystem;

constexpr char kFirefoxDir[] = "/usr/lib/firefox-esr";
// The default set, in manifest order (certs/manifest.json).
const char* const kCertIds[] = {"grca1", "grca2", "grca1-grca2-cross", "gca2", "grca3"};
const char* const kCertFiles[] = {"GRCA1.pem", "GRCA2.pem", "GRCA1_to_GRCA2_cross_2012.pem",
                                  "GCA2.pem", "GRCA3.pem"};

enum class Nss { kSystem, kFirefox };

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteFile(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

// Runs a shell command, returning its exit status and (stdout+stderr) output.
int Shell(const std::string& command, std::string* output = nullptr) {
  std::string text;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  int status = ::pclose(pipe);
  if (output != nullptr) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double ChildrenCpuMilliseconds() {
  struct rusage usage;
  ::getrusage(RUSAGE_CHILDREN, &usage);
  auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

struct WorkerRun {
  int exit_code = -1;
  std::string stdout_data;
  std::string stderr_data;
  std::vector<NssDatabaseResult> results;
  double milliseconds = 0;      ///< wall clock
  double cpu_milliseconds = 0;  ///< user + system time of the child (and its shell)
};

class NssWorkerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_ = new std::vector<NssCert>();
    char dir_template[] = "/tmp/gcatrust-nss-certs-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    for (size_t i = 0; i < std::size(kCertIds); ++i) {
      fs::path der = fs::path(dir_template) / (std::string(kCertIds[i]) + ".der");
      std::string pem = std::string(GCATRUST_SOURCE_DIR) + "/certs/" + kCertFiles[i];
      std::string output;
      ASSERT_EQ(
          Shell("openssl x509 -in '" + pem + "' -outform DER -out '" + der.string() + "'", &output),
          0)
          << output;
      certs_->push_back({kCertIds[i], NssNickname(kCertIds[i], kCertIds[i]), ReadFile(der)});
    }
    fs::remove_all(dir_template);
  }
  static void TearDownTestSuite() {
    delete certs_;
    certs_ = nullptr;
  }

  void SetUp() override {
    char dir_template[] = "/tmp/gcatrust-nss-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    root_ = dir_template;
    // Readable by nobody, for the read-only case.
    fs::permissions(root_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  }
  void TearDown() override {
    std::error_code ignored;
    Shell("chmod -R u+w '" + root_.string() + "'");
    fs::remove_all(root_, ignored);
  }

  static bool HaveFirefox() { return fs::exists(fs::path(kFirefoxDir) / "libnss3.so"); }

  // A fresh directory under the test's temp dir.
  fs::path NewDir(const std::string& name) {
    fs::path dir = root_ / name;
    fs::create_directories(dir);
    return dir;
  }

  // certutil (the system's NSS 3.87) creates an empty-password database.
  std::string MakeCertutilDb(const std::string& name, const std::string& type) {
    fs::path dir = NewDir(name);
    std::string output;
    EXPECT_EQ(Shell("certutil -N -d " + type + ":'" + dir.string() + "' --empty-password", &output),
              0)
        << output;
    return type + ":" + dir.string();
  }

  NssJob Job(NssOperation op, Nss nss, std::vector<std::string> databases) const {
    NssJob job;
    job.op = op;
    job.nss_dir = nss == Nss::kFirefox ? kFirefoxDir : "";
    job.databases = std::move(databases);
    job.certs = *certs_;
    return job;
  }

  // Runs the driver on job. env_prefix: words for env(1) (default: Firefox's library path for
  // a Firefox job, no LD_LIBRARY_PATH for a system one). run_as_prefix: e.g. setpriv.
  WorkerRun Run(const NssJob& job, const std::string& env_prefix = "default",
                const std::string& run_as_prefix = "") {
    static int counter = 0;
    fs::path job_file = root_ / ("job" + std::to_string(++counter) + ".json");
    fs::path out_file = root_ / ("out" + std::to_string(counter) + ".json");
    fs::path err_file = root_ / ("err" + std::to_string(counter) + ".txt");
    WriteFile(job_file, NssJobToJson(job));
    std::string env = env_prefix;
    if (env == "default") {
      env = job.nss_dir.empty() ? "env -u LD_LIBRARY_PATH"
                                : "env LD_LIBRARY_PATH='" + job.nss_dir + "'";
    }
    return RunCommand(env + " " + run_as_prefix + " " + GCATRUST_NSS_WORKER_DRIVER + " < '" +
                          job_file.string() + "'",
                      out_file, err_file);
  }

  WorkerRun RunRaw(const std::string& job_text) {
    fs::path job_file = root_ / "raw.json";
    WriteFile(job_file, job_text);
    return RunCommand(std::string(GCATRUST_NSS_WORKER_DRIVER) + " < '" + job_file.string() + "'",
                      root_ / "raw.out", root_ / "raw.err");
  }

  static WorkerRun RunCommand(const std::string& command, const fs::path& out_file,
                              const fs::path& err_file) {
    WorkerRun run;
    const double cpu_before = ChildrenCpuMilliseconds();
    auto start = std::chrono::steady_clock::now();
    int status = std::system(
        (command + " > '" + out_file.string() + "' 2> '" + err_file.string() + "'").c_str());
    run.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    run.cpu_milliseconds = ChildrenCpuMilliseconds() - cpu_before;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.stdout_data = ReadFile(out_file);
    run.stderr_data = ReadFile(err_file);
    Result<std::vector<NssDatabaseResult>> results = NssResultsFromJson(run.stdout_data);
    if (results.ok()) run.results = results.value();
    return run;
  }

  // Every database of run has outcome and every cert the state.
  static void ExpectAll(const WorkerRun& run, NssOutcome outcome, NssCertState state,
                        size_t databases = 1) {
    ASSERT_EQ(run.exit_code, 0) << run.stdout_data << run.stderr_data;
    ASSERT_EQ(run.results.size(), databases) << run.stdout_data;
    for (const NssDatabaseResult& result : run.results) {
      EXPECT_EQ(result.outcome, outcome) << result.database << ": " << result.error;
      ASSERT_EQ(result.certs.size(), certs_->size()) << run.stdout_data;
      for (const auto& [id, cert_state] : result.certs) {
        EXPECT_EQ(cert_state, state) << result.database << " " << id << "\n" << run.stdout_data;
      }
    }
  }

  // The full cycle: install -> status trusted (read with Firefox's NSS when there) -> install
  // again unchanged -> uninstall -> status missing.
  void InstallCycle(const std::string& database, Nss writer) {
    Nss reader = HaveFirefox() ? Nss::kFirefox : Nss::kSystem;
    ExpectAll(Run(Job(NssOperation::kInstall, writer, {database})), NssOutcome::kChanged,
              NssCertState::kTrusted);
    ExpectAll(Run(Job(NssOperation::kStatus, reader, {database})), NssOutcome::kUnchanged,
              NssCertState::kTrusted);
    ExpectAll(Run(Job(NssOperation::kInstall, writer, {database})), NssOutcome::kUnchanged,
              NssCertState::kTrusted);
    ExpectAll(Run(Job(NssOperation::kUninstall, writer, {database})), NssOutcome::kChanged,
              NssCertState::kMissing);
    ExpectAll(Run(Job(NssOperation::kStatus, reader, {database})), NssOutcome::kUnchanged,
              NssCertState::kMissing);
    ExpectAll(Run(Job(NssOperation::kUninstall, writer, {database})), NssOutcome::kUnchanged,
              NssCertState::kMissing);
  }

  static std::vector<NssCert>* certs_;
  fs::path root_;
};

std::vector<NssCert>* NssWorkerTest::certs_ = nullptr;

#define REQUIRE_FIREFOX() \
  if (!HaveFirefox()) GTEST_SKIP() << kFirefoxDir << "/libnss3.so is not installed"

TEST_F(NssWorkerTest, FirefoxNssOnCertutilSqlDatabase) {
  REQUIRE_FIREFOX();
  InstallCycle(MakeCertutilDb("sql", "sql"), Nss::kFirefox);
}

TEST_F(NssWorkerTest, SystemNssOnCertutilSqlDatabase) {
  InstallCycle(MakeCertutilDb("sql", "sql"), Nss::kSystem);
}

// Chromium's shared database: the worker makes ~/.pki/nssdb (each missing folder mode 0700,
// as Chromium's base::CreateDirectory) and the system's NSS creates the database in it.
TEST_F(NssWorkerTest, CreatesChromiumsSharedDatabaseFolders) {
  const fs::path home = root_ / "home";
  fs::create_directories(home);
  const fs::path nssdb = home / ".pki" / "nssdb";
  NssJob job = Job(NssOperation::kInstall, Nss::kSystem, {"sql:" + nssdb.string()});
  job.create_dirs = {nssdb.string()};
  ExpectAll(Run(job), NssOutcome::kChanged, NssCertState::kTrusted);
  for (const fs::path& dir : {home / ".pki", nssdb}) {
    EXPECT_EQ(fs::status(dir).permissions(), fs::perms::owner_all) << dir;
  }
  EXPECT_TRUE(fs::exists(nssdb / "cert9.db"));
  ExpectAll(Run(Job(NssOperation::kStatus, Nss::kSystem, {"sql:" + nssdb.string()})),
            NssOutcome::kUnchanged, NssCertState::kTrusted);
}

// A folder that cannot be made fails its database alone, with the reason.
TEST_F(NssWorkerTest, FolderThatCannotBeMadeFailsItsDatabase) {
  WriteFile(root_ / "file", "not a folder");
  const fs::path bad = root_ / "file" / "nssdb";
  NssJob job = Job(NssOperation::kInstall, Nss::kSystem, {"sql:" + bad.string()});
  job.create_dirs = {bad.string()};
  WorkerRun run = Run(job);
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0].outcome, NssOutcome::kFailed);
  EXPECT_NE(run.results[0].error.find("cannot create"), std::string::npos) << run.results[0].error;
}

TEST_F(NssWorkerTest, SystemNssOnLegacyDbmDatabase) {
  std::string database = MakeCertutilDb("dbm", "dbm");
  ASSERT_TRUE(fs::exists(root_ / "dbm" / "cert8.db"));
  ExpectAll(Run(Job(NssOperation::kInstall, Nss::kSystem, {database})), NssOutcome::kChanged,
            NssCertState::kTrusted);
  ExpectAll(Run(Job(NssOperation::kStatus, Nss::kSystem, {database})), NssOutcome::kUnchanged,
            NssCertState::kTrusted);
  ExpectAll(Run(Job(NssOperation::kInstall, Nss::kSystem, {database})), NssOutcome::kUnchanged,
            NssCertState::kTrusted);
  ExpectAll(Run(Job(NssOperation::kUninstall, Nss::kSystem, {database})), NssOutcome::kChanged,
            NssCertState::kMissing);
  ExpectAll(Run(Job(NssOperation::kStatus, Nss::kSystem, {database})), NssOutcome::kUnchanged,
            NssCertState::kMissing);
}

// Firefox's NSS (3.125) is built without the legacy dbm code: it refuses cert8.db (mkcert issue 12,
// SEC_ERROR_LEGACY_DATABASE), and must leave the legacy files as they were.
TEST_F(NssWorkerTest, FirefoxNssRefusesLegacyDbmDatabase) {
  REQUIRE_FIREFOX();
  std::string database = MakeCertutilDb("dbm", "dbm");
  const std::string cert8 = ReadFile(root_ / "dbm" / "cert8.db");
  WorkerRun run = Run(Job(NssOperation::kInstall, Nss::kFirefox, {database}));
  ASSERT_EQ(run.exit_code, 0) << run.stderr_data;
  ASSERT_EQ(run.results.size(), 1u) << run.stdout_data;
  EXPECT_EQ(run.results[0].outcome, NssOutcome::kFailed) << run.stdout_data;
  EXPECT_NE(run.results[0].error.find(database), std::string::npos) << run.results[0].error;
  EXPECT_NE(run.results[0].error.find("SEC_ERROR_"), std::string::npos) << run.results[0].error;
  EXPECT_EQ(ReadFile(root_ / "dbm" / "cert8.db"), cert8);
  EXPECT_FALSE(fs::exists(root_ / "dbm" / "cert9.db"));
}

// A profile directory Firefox never opened: Firefox's NSS creates cert9.db/key4.db and sets the
// empty password, as Firefox does at its first start. A non-ASCII path on the way.
TEST_F(NssWorkerTest, FirefoxNssCreatesDatabaseInEmptyDirectory) {
  REQUIRE_FIREFOX();
  fs::path dir = NewDir("王小明 profile");
  std::string database = "sql:" + dir.string();
  InstallCycle(database, Nss::kFirefox);
  EXPECT_TRUE(fs::exists(dir / "cert9.db"));
  EXPECT_TRUE(fs::exists(dir / "key4.db"));
}

// The enterprise policy imports a CA under Firefox's own nickname with "CT,CT,"; uninstall must
// remove that copy too (installer/docs/facts.md §1.2: the policy never removes what it added).
TEST_F(NssWorkerTest, UninstallRemovesCopyImportedUnderAnotherNickname) {
  const Nss nss = HaveFirefox() ? Nss::kFirefox : Nss::kSystem;
  std::string database = MakeCertutilDb("policy", "sql");
  fs::path der = root_ / "grca2.der";
  WriteFile(der, (*certs_)[1].der);
  std::string output;
  ASSERT_EQ(Shell("certutil -A -d '" + database + "' -n \"someone else's nickname\" -t CT,CT, " +
                      "-i '" + der.string() + "'",
                  &output),
            0)
      << output;

  WorkerRun status = Run(Job(NssOperation::kStatus, nss, {database}));
  ASSERT_EQ(status.results.size(), 1u) << status.stdout_data << status.stderr_data;
  EXPECT_EQ(status.results[0].certs[1].second, NssCertState::kTrusted) << status.stdout_data;
  EXPECT_EQ(status.results[0].certs[0].second, NssCertState::kMissing) << status.stdout_data;

  ExpectAll(Run(Job(NssOperation::kUninstall, nss, {database})), NssOutcome::kChanged,
            NssCertState::kMissing);
  ASSERT_NE(Shell("certutil -L -d '" + database + "' -n \"someone else's nickname\"", &output), 0)
      << output;
}

// installer/docs/facts.md §4.5: an old certutil's delete leaves Firefox NSS's newer trust record
// behind, and re-adding the certificate makes it trusted again. After gcatrust's uninstall (with
// Firefox's NSS) a re-import without trust must leave the certificate untrusted.
TEST_F(NssWorkerTest, UninstallLeavesNoTrustBehind) {
  REQUIRE_FIREFOX();
  std::string database = "sql:" + NewDir("leftover").string();
  ExpectAll(Run(Job(NssOperation::kInstall, Nss::kFirefox, {database})), NssOutcome::kChanged,
            NssCertState::kTrusted);
  ExpectAll(Run(Job(NssOperation::kUninstall, Nss::kFirefox, {database})), NssOutcome::kChanged,
            NssCertState::kMissing);
  std::string output;
  for (size_t i = 0; i < certs_->size(); ++i) {
    fs::path der = root_ / ((*certs_)[i].id + ".der");
    WriteFile(der, (*certs_)[i].der);
    ASSERT_EQ(Shell("certutil -A -d '" + database + "' -n 'plain " + (*certs_)[i].id +
                        "' -t ,, -i '" + der.string() + "'",
                    &output),
              0)
        << output;
  }
  ExpectAll(Run(Job(NssOperation::kStatus, Nss::kFirefox, {database})), NssOutcome::kUnchanged,
            NssCertState::kPresent);
}

// The facts doc's trap, reproduced: Debian's certutil 3.87 deletes a certificate that Firefox's
// NSS trusted but leaves the newer trust record, so re-adding it makes it trusted again.
// gcatrust's uninstall finds that orphaned record and removes it.
TEST_F(NssWorkerTest, UninstallRemovesTrustLeftByAnOlderCertutil) {
  REQUIRE_FIREFOX();
  std::string database = "sql:" + NewDir("orphan").string();
  ExpectAll(Run(Job(NssOperation::kInstall, Nss::kFirefox, {database})), NssOutcome::kChanged,
            NssCertState::kTrusted);
  std::string output;
  for (const NssCert& cert : *certs_) {
    ASSERT_EQ(
        Shell("env -u LD_LIBRARY_PATH certutil -D -d '" + database + "' -n '" + cert.nickname + "'",
              &output),
        0)
        << output;
  }
  ExpectAll(Run(Job(NssOperation::kStatus, Nss::kFirefox, {database})), NssOutcome::kUnchanged,
            NssCertState::kMissing);
  ExpectAll(Run(Job(NssOperation::kUninstall, Nss::kFirefox, {database})), NssOutcome::kChanged,
            NssCertState::kMissing);
  ExpectAll(Run(Job(NssOperation::kUninstall, Nss::kFirefox, {database})), NssOutcome::kUnchanged,
            NssCertState::kMissing);
  fs::path der = root_ / "grca2.der";
  WriteFile(der, (*certs_)[1].der);
  ASSERT_EQ(
      Shell("certutil -A -d '" + database + "' -n plain -t ,, -i '" + der.string() + "'", &output),
      0)
      << output;
  WorkerRun status = Run(Job(NssOperation::kStatus, Nss::kFirefox, {database}));
  ASSERT_EQ(status.results.size(), 1u) << status.stdout_data;
  EXPECT_EQ(status.results[0].certs[1].second, NssCertState::kPresent) << status.stdout_data;
}

// A database with a Primary Password is skipped without a prompt, and not written.
TEST_F(NssWorkerTest, PrimaryPasswordDatabaseIsLeftAlone) {
  fs::path dir = NewDir("locked");
  WriteFile(root_ / "pw.txt", "a secret\n");
  std::string output;
  ASSERT_EQ(
      Shell("certutil -N -d sql:'" + dir.string() + "' -f '" + (root_ / "pw.txt").string() + "'",
            &output),
      0)
      << output;
  const std::string cert9 = ReadFile(dir / "cert9.db");
  const std::string key4 = ReadFile(dir / "key4.db");
  for (Nss nss : {Nss::kSystem, Nss::kFirefox}) {
    if (nss == Nss::kFirefox && !HaveFirefox()) continue;
    for (NssOperation op : {NssOperation::kInstall, NssOperation::kStatus}) {
      WorkerRun run = Run(Job(op, nss, {"sql:" + dir.string()}));
      ExpectAll(
          run, op == NssOperation::kInstall ? NssOutcome::kPrimaryPassword : NssOutcome::kUnchanged,
          NssCertState::kMissing);
    }
  }
  EXPECT_EQ(ReadFile(dir / "cert9.db"), cert9);
  EXPECT_EQ(ReadFile(dir / "key4.db"), key4);
  ASSERT_EQ(Shell("certutil -L -d sql:'" + dir.string() + "'", &output), 0);
  for (const NssCert& cert : *certs_) EXPECT_EQ(output.find(cert.id), std::string::npos) << output;
}

// A corrupt cert9.db fails with the NSS error and the path; the next database is still done.
TEST_F(NssWorkerTest, CorruptDatabaseFailsAndTheNextIsStillDone) {
  const Nss nss = HaveFirefox() ? Nss::kFirefox : Nss::kSystem;
  std::string corrupt = MakeCertutilDb("corrupt", "sql");
  WriteFile(root_ / "corrupt" / "cert9.db", std::string(8192, '\x5a') + "garbage");
  std::string good = MakeCertutilDb("good", "sql");
  WorkerRun run = Run(Job(NssOperation::kInstall, nss, {corrupt, good}));
  ASSERT_EQ(run.exit_code, 0) << run.stderr_data;
  ASSERT_EQ(run.results.size(), 2u) << run.stdout_data;
  EXPECT_EQ(run.results[0].outcome, NssOutcome::kFailed) << run.stdout_data;
  EXPECT_NE(run.results[0].error.find(corrupt), std::string::npos) << run.results[0].error;
  EXPECT_NE(run.results[0].error.find("SEC_ERROR_"), std::string::npos) << run.results[0].error;
  EXPECT_EQ(run.results[1].outcome, NssOutcome::kChanged) << run.stdout_data;
  std::cout << "corrupt cert9.db: " << run.results[0].error << "\n";
}

// Files 0444 in a 0555 directory, worked on as nobody (root ignores mode bits).
TEST_F(NssWorkerTest, ReadOnlyDatabaseFails) {
  for (Nss nss : {Nss::kSystem, Nss::kFirefox}) {
    if (nss == Nss::kFirefox && !HaveFirefox()) continue;
    const std::string name = nss == Nss::kFirefox ? "ro-firefox" : "ro-system";
    std::string database = MakeCertutilDb(name, "sql");
    fs::path dir = root_ / name;
    std::string output;
    ASSERT_EQ(Shell("chmod 0444 '" + dir.string() + "'/* && chmod 0555 '" + dir.string() + "'"), 0);
    const std::string cert9 = ReadFile(dir / "cert9.db");
    const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups";
    WorkerRun run = Run(Job(NssOperation::kInstall, nss, {database}), "default", as_nobody);
    ASSERT_EQ(run.exit_code, 0) << run.stdout_data << run.stderr_data;
    ASSERT_EQ(run.results.size(), 1u) << run.stdout_data;
    EXPECT_EQ(run.results[0].outcome, NssOutcome::kFailed) << run.stdout_data;
    EXPECT_NE(run.results[0].error.find(database), std::string::npos) << run.results[0].error;
    EXPECT_EQ(ReadFile(dir / "cert9.db"), cert9);
    std::cout << "read-only: " << run.results[0].error << "\n";
    // Reading still works.
    ExpectAll(Run(Job(NssOperation::kStatus, nss, {database}), "default", as_nobody),
              NssOutcome::kUnchanged, NssCertState::kMissing);
  }
}

TEST_F(NssWorkerTest, MissingNssMakesEveryDatabaseUnavailable) {
  fs::path empty = NewDir("no-nss-here");
  NssJob job = Job(NssOperation::kInstall, Nss::kSystem, {"sql:/a", "sql:/b"});
  job.nss_dir = empty.string();
  WorkerRun run = Run(job, "env LD_LIBRARY_PATH=");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_data;
  ASSERT_EQ(run.results.size(), 2u) << run.stdout_data;
  for (const NssDatabaseResult& result : run.results) {
    EXPECT_EQ(result.outcome, NssOutcome::kNssUnavailable);
    EXPECT_NE(result.error.find(empty.string() + "/libnss3.so"), std::string::npos) << result.error;
  }
}

// Debian's firefox-esr libnss3.so without its directory on the library path picks up the
// system's older libnssutil3 and fails to load (installer/docs/facts.md §5.1): reported, not a
// crash.
TEST_F(NssWorkerTest, FirefoxNssWithoutItsLibraryPathIsUnavailable) {
  REQUIRE_FIREFOX();
  WorkerRun run =
      Run(Job(NssOperation::kStatus, Nss::kFirefox, {"sql:/nowhere"}), "env -u LD_LIBRARY_PATH");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_data;
  ASSERT_EQ(run.results.size(), 1u) << run.stdout_data;
  EXPECT_EQ(run.results[0].outcome, NssOutcome::kNssUnavailable) << run.stdout_data;
  std::cout << "without LD_LIBRARY_PATH: " << run.results[0].error << "\n";
}

TEST_F(NssWorkerTest, UnreadableJobIsAnError) {
  WorkerRun run = RunRaw("{not json");
  EXPECT_EQ(run.exit_code, 2);
  Result<std::vector<NssDatabaseResult>> results = NssResultsFromJson(run.stdout_data);
  ASSERT_FALSE(results.ok());
  EXPECT_NE(results.message().find("not valid JSON"), std::string::npos) << results.message();
}

// NSS_Initialize/NSS_Shutdown repeated in one process for many databases. Also reports the cost
// per database for the five default certificates.
TEST_F(NssWorkerTest, ManyDatabasesInOneJob) {
  const Nss nss = HaveFirefox() ? Nss::kFirefox : Nss::kSystem;
  constexpr int kDatabases = 20;
  std::vector<std::string> databases;
  for (int i = 0; i < kDatabases; ++i) {
    databases.push_back("sql:" + NewDir("profile" + std::to_string(i)).string());
  }
  // First run creates the databases as Firefox would (empty directories).
  WorkerRun create = Run(Job(NssOperation::kInstall, nss, databases));
  ExpectAll(create, NssOutcome::kChanged, NssCertState::kTrusted, kDatabases);
  WorkerRun status = Run(Job(NssOperation::kStatus, nss, databases));
  ExpectAll(status, NssOutcome::kUnchanged, NssCertState::kTrusted, kDatabases);
  WorkerRun again = Run(Job(NssOperation::kInstall, nss, databases));
  ExpectAll(again, NssOutcome::kUnchanged, NssCertState::kTrusted, kDatabases);
  WorkerRun uninstall = Run(Job(NssOperation::kUninstall, nss, databases));
  ExpectAll(uninstall, NssOutcome::kChanged, NssCertState::kMissing, kDatabases);
  WorkerRun install = Run(Job(NssOperation::kInstall, nss, databases));
  ExpectAll(install, NssOutcome::kChanged, NssCertState::kTrusted, kDatabases);

  WorkerRun none = Run(Job(NssOperation::kStatus, nss, {}));
  ExpectAll(none, NssOutcome::kUnchanged, NssCertState::kTrusted, 0);
  // Wall time depends on fsync latency (each certificate is about a dozen SQLite transactions,
  // installer/docs/facts.md §4.7); CPU time is the part this code controls.
  auto per_db = [&](const WorkerRun& run) {
    std::ostringstream text;
    text.precision(3);
    text << (run.milliseconds - none.milliseconds) / kDatabases << " ms ("
         << (run.cpu_milliseconds - none.cpu_milliseconds) / kDatabases << " ms CPU)";
    return text.str();
  };
  std::cout << (nss == Nss::kFirefox ? "Firefox" : "system") << " NSS, " << certs_->size()
            << " certificates, per database: create+install " << per_db(create) << ", status "
            << per_db(status) << ", install with nothing to do " << per_db(again) << ", uninstall "
            << per_db(uninstall) << ", install into existing " << per_db(install)
            << "; process start + NSS load " << none.milliseconds << " ms\n";
}

}  // namespace
}  // namespace gcatrust
