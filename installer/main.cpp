// gcatrust: thin main. Parses the command line, checks the embedded bundle, runs the command
// against the real system; the only top-level catch is here.
#include <exception>
#include <iostream>

#include "installer/app.h"
#include "installer/certificate_bundle.h"
#include "installer/cli.h"
#include "installer/nss/nss_worker.h"
#include "installer/worker_nss_runner.h"
#include "platform/machine_registry.h"
#include "platform/real_file_system.h"
#include "platform/system_environment.h"

int main(int argc, char** argv) {
  using namespace gcatrust;  // NOLINT: main only
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
