// HostTargetOs for the Windows build.
#include "installer/policy_layouts.h"

namespace gcatrust {

TargetOs HostTargetOs() { return TargetOs::kWindows; }

}  // namespace gcatrust
