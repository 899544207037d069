// One function per subcommand (list_command.cpp, export_command.cpp, detect_command.cpp,
// policies_command.cpp); app.cpp dispatches.
#ifndef GCATRUST_INSTALLER_COMMANDS_H_
#define GCATRUST_INSTALLER_COMMANDS_H_

#include "installer/app.h"
#include "installer/firefox_discovery.h"
#include "installer/system_root.h"

namespace gcatrust {

/// The installations to act on: those named with --firefox (each must be one), else every one
/// discovered. A named folder that is not a Firefox installation is reported on ctx.err.
std::vector<FirefoxInstallation> SelectInstallations(const Options& o, const SystemRoot& root,
                                                     AppContext& ctx, Lang lang);

ExitCode RunList(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx, Lang lang);
ExitCode RunExport(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx, Lang lang);
ExitCode RunDetect(const Options& o, AppContext& ctx, Lang lang);
ExitCode RunPolicies(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx, Lang lang);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_COMMANDS_H_
