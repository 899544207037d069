// gcatrust-embed --manifest PATH --output OUT.cpp [--now EPOCH]
#ifndef GCATRUST_EMBED_COMMAND_LINE_H_
#define GCATRUST_EMBED_COMMAND_LINE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "installer/result.h"

namespace gcatrust::embed {

struct EmbedOptions {
  std::filesystem::path manifest;
  std::filesystem::path output;
  std::optional<std::string> now;  ///< raw --now value; build_time.h parses it
};

/// Usage text for errors.
extern const char kEmbedUsage[];

/// Parses the arguments after the program name. Both --flag VALUE and --flag=VALUE work.
Result<EmbedOptions> ParseCommandLine(const std::vector<std::string>& args);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_COMMAND_LINE_H_
