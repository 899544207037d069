// RunProcess on Windows: a real child (args_echo_win.exe) under wine. Arguments must arrive
// exactly, however they are quoted (CommandLineToArgvW rules) and in whatever script.
#include <gtest/gtest.h>

#include "platform/process.h"

namespace gcatrust {
namespace {

TEST(ProcessWin, ArgumentsArriveExactlyAsUtf8) {
  ProcessSpec spec;
  spec.argv = {GCATRUST_ARGS_ECHO,
               "plain",
               "two words",
               "王小明 的設定",
               "",
               "C:\\Program Files\\Mozilla Firefox\\",
               "say \"hi\"",
               "back\\\\\"slash",
               "tab\there"};
  auto run = RunProcess(spec);
  ASSERT_TRUE(run.ok()) << run.message();
  EXPECT_EQ(run.value().exit_code, 42);
  EXPECT_EQ(run.value().stdout_data,
            "[plain]\n[two words]\n[王小明 的設定]\n[]\n[C:\\Program Files\\Mozilla Firefox\\]\n"
            "[say \"hi\"]\n[back\\\\\"slash]\n[tab\there]\nstdin:0\n");
  EXPECT_EQ(run.value().stderr_data, "to stderr\n");
}

TEST(ProcessWin, LargeStdinIsDeliveredWhileOutputIsRead) {
  ProcessSpec spec;
  spec.argv = {GCATRUST_ARGS_ECHO};
  spec.stdin_data.assign(3 * 1024 * 1024, 'x');  // far beyond a pipe's buffer
  auto run = RunProcess(spec);
  ASSERT_TRUE(run.ok()) << run.message();
  EXPECT_EQ(run.value().exit_code, 0);
  EXPECT_EQ(run.value().stdout_data, "stdin:3145728\n");
}

TEST(ProcessWin, MissingProgramIsAnError) {
  ProcessSpec spec;
  spec.argv = {"C:\\no\\such\\program.exe"};
  auto run = RunProcess(spec);
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.message().find("program.exe"), std::string::npos) << run.message();
}

TEST(ProcessWin, AnotherUserIsRefused) {
  ProcessSpec spec;
  spec.argv = {GCATRUST_ARGS_ECHO};
  spec.uid = 1000;
  EXPECT_FALSE(RunProcess(spec).ok());
}

TEST(ProcessWin, EnvironmentReachesTheChild) {
  ProcessSpec spec;
  // cmd.exe is part of every Windows (and of wine); /c echo expands the variable.
  spec.argv = {"cmd.exe", "/c", "echo", "%GCATRUST_TEST_VALUE%"};
  spec.env = {{"GCATRUST_TEST_VALUE", "from-parent"}};
  auto run = RunProcess(spec);
  ASSERT_TRUE(run.ok()) << run.message();
  EXPECT_EQ(run.value().exit_code, 0);
  EXPECT_NE(run.value().stdout_data.find("from-parent"), std::string::npos)
      << run.value().stdout_data;
}

TEST(ProcessWin, SelfExecutablePathIsThisTest) {
  const std::filesystem::path self = SelfExecutablePath();
  EXPECT_EQ(self.filename(), "platform_win_tests.exe");
  EXPECT_TRUE(std::filesystem::exists(self));
}

}  // namespace
}  // namespace gcatrust
