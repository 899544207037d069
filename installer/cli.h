// Command-line parsing (CLI11) into Options. Help and usage are bilingual.
#ifndef GCATRUST_INSTALLER_CLI_H_
#define GCATRUST_INSTALLER_CLI_H_

#include <ostream>
#include <variant>

#include "installer/options.h"

namespace gcatrust {

/// Options to run, or the exit code to stop with (--help and --version: kOk; errors: kUsage).
std::variant<Options, ExitCode> ParseCommandLine(int argc, const char* const* argv,
                                                 std::ostream& out, std::ostream& err);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_CLI_H_
