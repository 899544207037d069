// One function per subcommand (list_command.cpp, export_command.cpp, detect_command.cpp,
// policies_command.cpp); app.cpp dispatches.
#ifndef GCATRUST_INSTALLER_COMMANDS_H_
#define GCATRUST_INSTALLER_COMMANDS_H_

#include <nlohmann/json.hpp>

#include "installer/app.h"
#include "installer/firefox_discovery.h"
#include "installer/system_root.h"
#include "installer/tally.h"

namespace gcatrust {

/// The installations to act on: those named with --firefox (each must be a Firefox or
/// Thunderbird installation), else every one of the --browser selection discovered. A named
/// folder that is not an installation is reported on ctx.err.
std::vector<FirefoxInstallation> SelectInstallations(const Options& o, const SystemRoot& root,
                                                     AppContext& ctx, Lang lang);

/// "No Firefox installation found", or for a --browser selection, naming it.
std::string NothingFoundText(const Options& o, Lang lang);

ExitCode RunList(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx,
                 Lang lang);
ExitCode RunExport(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx,
                   Lang lang);
ExitCode RunDetect(const Options& o, AppContext& ctx, Lang lang);
/// install | uninstall | status with the chosen method(s); prints the combined JSON.
ExitCode RunTrustCommand(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx,
                         Lang lang);

/// What one method did: a JSON item per target or profile, the tally, and whether it found
/// anything to act on at all.
struct MethodReport {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  Tally tally;
  bool found = false;
};

/// Enterprise policies. only_where_writable (--method auto): a target that needs admin rights
/// is reported as skipped instead of failing.
MethodReport RunPoliciesMethod(const Options& o, const std::vector<Certificate>& certs,
                               const std::vector<FirefoxInstallation>& installs, AppContext& ctx,
                               Lang lang, bool only_where_writable);
/// NSS import into every profile's certificate database.
MethodReport RunNssMethod(const Options& o, const std::vector<Certificate>& certs,
                          const std::vector<FirefoxInstallation>& installs, AppContext& ctx,
                          Lang lang);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_COMMANDS_H_
