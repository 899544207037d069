// Runs one command against injected OS access, so tests drive the whole tool on a fake root.
#ifndef GCATRUST_INSTALLER_APP_H_
#define GCATRUST_INSTALLER_APP_H_

#include <ostream>
#include <vector>

#include "installer/certificate.h"
#include "installer/environment.h"
#include "installer/file_system.h"
#include "installer/nss_runner.h"
#include "installer/options.h"
#include "installer/policy_registry.h"

namespace gcatrust {

struct AppContext {
  FileSystem& fs;
  const Environment& env;
  std::ostream& out;  ///< results (text or JSON)
  std::ostream& err;  ///< problems
  NssRunner& nss;     ///< NSS work for the nss method
  /// The machine registry for Windows policies (platform/machine_registry.h); null: none.
  PolicyRegistryOpener* registry = nullptr;
};

ExitCode RunCommand(const Options& options, const std::vector<Certificate>& certs, AppContext& ctx);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_APP_H_
