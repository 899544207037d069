// Windows entry point (-municode): the UTF-16 arguments become UTF-8 here, once, so that paths
// like C:\Users\王小明 reach the core intact whatever the ANSI code page is. The standard streams
// are switched to binary (the NSS worker's JSON and the exact bytes of exports must not gain
// '\r'), and the console to UTF-8 so that the bilingual messages show as written.
#include <fcntl.h>
#include <io.h>
#include <windows.h>

#include <cstdio>
#include <string>
#include <vector>

#include "platform/program_main.h"
#include "platform/utf16_win.h"

int wmain(int argc, wchar_t** wargv) {
  std::vector<std::string> args;
  args.reserve(static_cast<size_t>(argc));
  for (int i = 0; i < argc; ++i) args.push_back(gcatrust::Utf8FromWide(wargv[i]));
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  // Only affects a console; pipes and files get the UTF-8 bytes unchanged either way.
  SetConsoleOutputCP(CP_UTF8);
  return gcatrust::ProgramMain(argc, argv.data());
}
