// The whole gcatrust-embed run as a function: read the manifest, verify every certificate, and
// only if all pass, generate and write the source. main.cpp only wires in argv and the clock.
#ifndef GCATRUST_EMBED_EMBED_TOOL_H_
#define GCATRUST_EMBED_EMBED_TOOL_H_

#include <ctime>
#include <ostream>

#include "embed/command_line.h"

namespace gcatrust::embed {

/// Returns the exit code: 0 when the output was written, 1 when anything failed. Errors and
/// notices go to `err` one per line; the one summary line goes to `out`.
int RunEmbed(const EmbedOptions& options, std::time_t now, std::ostream& out, std::ostream& err);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_EMBED_TOOL_H_
