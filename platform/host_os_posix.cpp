// HostTargetOs for POSIX builds: the policies layout of the system gcatrust runs on.
#include "installer/policy_layouts.h"

namespace gcatrust {

TargetOs HostTargetOs() {
#ifdef __APPLE__
  return TargetOs::kMacos;
#else
  return TargetOs::kLinux;
#endif
}

}  // namespace gcatrust
