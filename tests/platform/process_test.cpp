// The real process runner: pipes both ways, environment, identity switch, exit codes.
#include "platform/process.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace gcatrust {
namespace {

TEST(Process, FeedsStdinAndCollectsBothOutputsAndTheExitCode) {
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "cat; echo problem >&2; exit 3"};
  spec.stdin_data = std::string(300000, 'x');  // more than a pipe buffer holds
  auto r = RunProcess(spec);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r.value().exit_code, 3);
  EXPECT_EQ(r.value().stdout_data.size(), 300000u);
  EXPECT_EQ(r.value().stderr_data, "problem\n");
}

TEST(Process, SetsEnvironmentVariables) {
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "printf %s \"$GCATRUST_TEST_VAR\""};
  spec.env = {{"GCATRUST_TEST_VAR", "政府 憑證"}};
  auto r = RunProcess(spec);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().stdout_data, "政府 憑證");
  EXPECT_EQ(LibraryPathEnvironment("/usr/lib/firefox-esr").count("LD_LIBRARY_PATH"), 1u);
}

TEST(Process, MissingProgramExits127) {
  ProcessSpec spec;
  spec.argv = {"gcatrust-no-such-program"};
  auto r = RunProcess(spec);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().exit_code, 127);
}

TEST(Process, RunsAsAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "switching identity needs root";
  ProcessSpec spec;
  spec.argv = {"id", "-u"};
  spec.uid = 65534;
  spec.gid = 65534;
  spec.user_name = "nobody";
  auto r = RunProcess(spec);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().stdout_data, "65534\n");
}

TEST(Process, SelfExecutablePathIsThisTest) {
  EXPECT_EQ(SelfExecutablePath().filename(), "platform_tests");
}

}  // namespace
}  // namespace gcatrust
