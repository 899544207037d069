// gcatrust: thin main. Parses the command line, checks the embedded bundle, runs the command
// against the real system; the only top-level catch is here.
#include <chrono>
#include <exception>
#include <iostream>
#include <memory>

#include "installer/app.h"
#include "installer/certificate_bundle.h"
#include "installer/cli.h"
#include "installer/nss/nss_worker.h"
#include "installer/run_lock.h"
#include "installer/worker_nss_runner.h"
#include "platform/machine_registry.h"
#include "platform/program_main.h"
#include "platform/real_file_system.h"
#include "platform/system_environment.h"
#ifdef GCATRUST_FAILPOINTS
#include "platform/failpoints_from_environment.h"
#endif

// Called by the platform's entry point (platform/entry_point_<os>.cpp) with UTF-8 arguments.
int gcatrust::ProgramMain(int argc, char** argv) {
#ifdef GCATRUST_FAILPOINTS
  // Only in the test-only executable gcatrust-failpoints (installer/failpoint.h).
  InstallFailpointsFromEnvironment();
#endif
  try {
    auto parsed = ParseCommandLine(argc, argv, std::cout, std::cerr);
    if (auto* code = std::get_if<ExitCode>(&parsed)) return static_cast<int>(*code);
    const Options& options = std::get<Options>(parsed);
    if (options.command == Command::kNssWorker) return RunNssWorker(std::cin, std::cout);
    SystemEnvironment env;
    auto certs = DecodeBundle(EmbeddedBundleView());
    if (!certs.ok()) {
      std::cerr << Say(options.lang.value_or(LangFromLocale(env)), msg::kBundleDamaged,
                       {certs.message()})
                << "\n";
      return static_cast<int>(ExitCode::kFailed);
    }
    const Lang lang = options.lang.value_or(LangFromLocale(env));
    // Changes are made one run at a time (run_lock.h); reading commands and dry runs need no lock.
    std::unique_ptr<HeldRunLock> lock;
    if ((options.command == Command::kInstall || options.command == Command::kUninstall) &&
        !options.dry_run) {
      auto held =
          AcquireRunLock(env.IsAdmin(), std::chrono::minutes(5), [&](const std::string& name) {
            std::cerr << Say(lang, msg::kWaitingForOtherRun, {name}) << std::endl;
          });
      if (!held.ok()) {
        std::cerr << Say(lang, msg::kLockFailed, {held.message()}) << "\n";
        return static_cast<int>(ExitCode::kFailed);
      }
      lock = std::move(held).value();
    }
    RealFileSystem fs;
    WorkerNssRunner nss;
    auto registry = NewMachineRegistryOpener();
    AppContext ctx{fs, env, std::cout, std::cerr, nss, registry.get()};
    return static_cast<int>(RunCommand(options, certs.value(), ctx));
  } catch (const std::exception& e) {
    std::cerr << "gcatrust: " << e.what() << "\n";
    return static_cast<int>(ExitCode::kFailed);
  }
}
