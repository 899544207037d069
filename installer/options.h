// What the user asked for, as parsed from the command line (cli.cpp) and run by app.cpp.
#ifndef GCATRUST_INSTALLER_OPTIONS_H_
#define GCATRUST_INSTALLER_OPTIONS_H_

#include <filesystem>
#include <optional>
#include <vector>

#include "installer/browser.h"
#include "installer/messages.h"

namespace gcatrust {

enum class Command {
  kList,
  kExport,
  kDetect,
  kInstall,
  kUninstall,
  kStatus,
  kNssWorker,  ///< internal: gcatrust re-run as the NSS worker process (nss_worker.h)
};
enum class Method { kPolicies, kNss, kAuto };
enum class ExportFormat { kDer, kPem };
/// Whose Firefox layout --root holds (policy_layouts.h); the running system's own by default.
enum class TargetOs { kLinux, kWindows, kMacos };

struct Options {
  Command command = Command::kList;
  Method method = Method::kAuto;
  bool dry_run = false;
  bool json = false;
  std::filesystem::path root;                       ///< empty: the running system
  std::vector<std::filesystem::path> firefox_dirs;  ///< empty: discover
  std::vector<std::filesystem::path> profile_dirs;  ///< empty: discover
  std::vector<Browser> browsers;                    ///< --browser; empty: every one found
  std::optional<Lang> lang;                         ///< empty: from the locale
  std::filesystem::path export_dir;
  ExportFormat export_format = ExportFormat::kDer;
  std::optional<TargetOs> target_os;  ///< empty: the OS gcatrust runs on (HostTargetOs)
  /// Windows: write HKLM\SOFTWARE\Policies\Mozilla\Firefox even when it holds no
  /// Certificates policy yet (it is always used when it does).
  bool registry = false;
};

/// Documented in README.md ("Exit codes"); scripts rely on the numbers.
enum class ExitCode {
  kOk = 0,
  kFailed = 1,
  kUsage = 2,
  kPartial = 3,
  kNeedsAdmin = 4,
  kNothingFound = 5,
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_OPTIONS_H_
