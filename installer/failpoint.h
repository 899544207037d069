// Crash-test hooks: named points in every step that changes a file (temp file created, written,
// fsynced, renamed, directory fsynced, ...). In the shipped gcatrust they do nothing: the hook is
// a null pointer that only the test-only executable `gcatrust-failpoints`
// (tests/reliability/CMakeLists.txt) sets, from its own main, to code that reads
// GCATRUST_FAILPOINT (platform/failpoints_from_environment_posix.cpp). That code is not linked
// into `gcatrust` at all, so no environment variable can make a release build stop half-way
// (tests/reliability/reliability.py, check crash.release-has-no-failpoints, makes sure the
// string is absent from the real executable).
#ifndef GCATRUST_INSTALLER_FAILPOINT_H_
#define GCATRUST_INSTALLER_FAILPOINT_H_

namespace gcatrust {

using FailpointHook = void (*)(const char* step);

/// Null in every build except the crash-test executable.
inline FailpointHook failpoint_hook = nullptr;

/// Marks a step, e.g. Failpoint("write.renamed"); a test build may stop the process here.
inline void Failpoint(const char* step) {
  if (failpoint_hook != nullptr) failpoint_hook(step);
}

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_FAILPOINT_H_
