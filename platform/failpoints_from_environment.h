// Test builds only (linked into `gcatrust-failpoints`, never into `gcatrust`): turns
// GCATRUST_FAILPOINT into a failpoint hook (installer/failpoint.h).
#ifndef GCATRUST_PLATFORM_FAILPOINTS_FROM_ENVIRONMENT_H_
#define GCATRUST_PLATFORM_FAILPOINTS_FROM_ENVIRONMENT_H_

namespace gcatrust {

/// GCATRUST_FAILPOINT="<step>[@<n>][:stop]": at the n-th (default first) time this process
/// reaches <step>, it is killed with SIGKILL (like kill -9 or a power cut: no destructor, no
/// flush, temp files stay), or with ":stop" it stops itself (SIGSTOP) so that a test can change
/// files and then let it go on (SIGCONT). GCATRUST_FAILPOINT_LOG=FILE appends every step reached
/// (one line each) so that a test can enumerate them.
void InstallFailpointsFromEnvironment();

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_FAILPOINTS_FROM_ENVIRONMENT_H_
