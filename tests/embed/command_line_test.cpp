#include "embed/command_line.h"

#include <gtest/gtest.h>

namespace gcatrust::embed {
namespace {

TEST(CommandLineTest, ReadsAllFlags) {
  Result<EmbedOptions> options =
      ParseCommandLine({"--manifest", "m.json", "--output=o.cpp", "--now", "42"});
  ASSERT_TRUE(options.ok()) << options.message();
  EXPECT_EQ(options.value().manifest, "m.json");
  EXPECT_EQ(options.value().output, "o.cpp");
  EXPECT_EQ(options.value().now, "42");
}

TEST(CommandLineTest, NowIsOptional) {
  Result<EmbedOptions> options = ParseCommandLine({"--manifest", "m.json", "--output", "o.cpp"});
  ASSERT_TRUE(options.ok());
  EXPECT_FALSE(options.value().now.has_value());
}

TEST(CommandLineTest, RejectsMissingUnknownAndRepeatedFlags) {
  EXPECT_FALSE(ParseCommandLine({"--output", "o.cpp"}).ok());
  EXPECT_FALSE(ParseCommandLine({"--manifest", "m.json"}).ok());
  EXPECT_FALSE(ParseCommandLine({"--manifest", "m.json", "--output"}).ok());
  EXPECT_FALSE(ParseCommandLine({"--manifest", "m", "--output", "o", "--verbose"}).ok());
  EXPECT_FALSE(ParseCommandLine({"--manifest", "a", "--manifest", "b", "--output", "o"}).ok());
}

}  // namespace
}  // namespace gcatrust::embed
