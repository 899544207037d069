// Runs a child process with extra environment variables, optionally as another user, feeding
// it stdin and collecting stdout/stderr. Used to run gcatrust's own NSS worker (one per Firefox
// installation, with that Firefox's library path, as the profile owner) and certutil.
#ifndef GCATRUST_PLATFORM_PROCESS_H_
#define GCATRUST_PLATFORM_PROCESS_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "installer/result.h"

namespace gcatrust {

struct ProcessSpec {
  std::vector<std::string> argv;           ///< argv[0] is the program (path or PATH name)
  std::map<std::string, std::string> env;  ///< set (or replace) in the child's environment
  std::string stdin_data;
  /// Run as this uid/gid (with its supplementary groups) — only possible as root.
  std::optional<std::uint32_t> uid;
  std::optional<std::uint32_t> gid;
  /// For the supplementary groups when uid is set; empty: none but gid (an image's account).
  std::string user_name;
};

struct ProcessResult {
  int exit_code = -1;  ///< -1 when killed by a signal
  std::string stdout_data;
  std::string stderr_data;
};

Result<ProcessResult> RunProcess(const ProcessSpec& spec);

/// Environment that makes a child load shared libraries from dir first (LD_LIBRARY_PATH on
/// Linux): Debian's firefox-esr NSS only loads whole — softoken, freebl, sqlite — that way
/// (installer/docs/facts.md §5.1).
std::map<std::string, std::string> LibraryPathEnvironment(const std::filesystem::path& dir);

/// This executable's own path (/proc/self/exe on Linux).
std::filesystem::path SelfExecutablePath();

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_PROCESS_H_
