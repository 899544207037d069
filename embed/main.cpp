// gcatrust-embed: verifies the certificates of a manifest and generates embedded_certs.cpp.
// A non-zero exit fails the build, which is the point: nothing unverified gets embedded.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "embed/build_time.h"
#include "embed/command_line.h"
#include "embed/embed_tool.h"

int main(int argc, char** argv) {
  namespace embed = gcatrust::embed;
  std::vector<std::string> args(argv + 1, argv + argc);
  gcatrust::Result<embed::EmbedOptions> options = embed::ParseCommandLine(args);
  if (!options.ok()) {
    std::cerr << "gcatrust-embed: " << options.message() << '\n' << embed::kEmbedUsage << '\n';
    return 2;
  }
  gcatrust::Result<std::time_t> now =
      embed::ResolveNow(options.value().now, std::getenv("SOURCE_DATE_EPOCH"));
  if (!now.ok()) {
    std::cerr << "gcatrust-embed: " << now.message() << '\n';
    return 2;
  }
  return embed::RunEmbed(options.value(), now.value(), std::cout, std::cerr);
}
