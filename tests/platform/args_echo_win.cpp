// Test child for process_win_test.cpp: prints each argument it got (after wmain's UTF-16 ->
// UTF-8 conversion in platform/entry_point_win.cpp) on a line of its own, and stdin after them.
#include <iostream>
#include <iterator>
#include <string>

#include "platform/program_main.h"

int gcatrust::ProgramMain(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) std::cout << "[" << argv[i] << "]\n";
  const std::string input{std::istreambuf_iterator<char>(std::cin),
                          std::istreambuf_iterator<char>()};
  std::cout << "stdin:" << input.size() << "\n";
  std::cerr << "to stderr\n";
  return argc == 1 ? 0 : 42;
}
