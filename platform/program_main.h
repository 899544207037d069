// The program's real main, called by the platform's entry point (entry_point_<os>.cpp, linked
// into the executable only): `main` on POSIX, `wmain` on Windows, which first turns the UTF-16
// command line into UTF-8 so that everything after it sees the same UTF-8 strings on every OS.
#ifndef GCATRUST_PLATFORM_PROGRAM_MAIN_H_
#define GCATRUST_PLATFORM_PROGRAM_MAIN_H_

namespace gcatrust {

/// argv: UTF-8 strings (on Linux the bytes as given).
int ProgramMain(int argc, char** argv);

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_PROGRAM_MAIN_H_
