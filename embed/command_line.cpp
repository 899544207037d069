#include "embed/command_line.h"

namespace gcatrust::embed {

const char kEmbedUsage[] = "usage: gcatrust-embed --manifest PATH --output OUT.cpp [--now EPOCH]";

Result<EmbedOptions> ParseCommandLine(const std::vector<std::string>& args) {
  std::optional<std::string> manifest;
  std::optional<std::string> output;
  std::optional<std::string> now;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (auto equals = flag.find('='); flag.rfind("--", 0) == 0 && equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag.resize(equals);
    }
    std::optional<std::string>* target = flag == "--manifest" ? &manifest
                                         : flag == "--output" ? &output
                                         : flag == "--now"    ? &now
                                                              : nullptr;
    if (target == nullptr) return Status::Error("unknown argument \"" + args[i] + "\"");
    if (!value) {
      if (i + 1 >= args.size()) return Status::Error(flag + " needs a value");
      value = args[++i];
    }
    if (*target) return Status::Error(flag + " given twice");
    *target = std::move(value);
  }
  if (!manifest || manifest->empty()) return Status::Error("--manifest is required");
  if (!output || output->empty()) return Status::Error("--output is required");
  return EmbedOptions{std::filesystem::u8path(*manifest), std::filesystem::u8path(*output), now};
}

}  // namespace gcatrust::embed
