// The PolicyRegistryOpener of this OS: Linux opens a mounted image's SOFTWARE hive with libhivex
// (policy_registry_hivex.cpp); Windows opens the live registry (policy_registry_win.cpp).
#ifndef GCATRUST_PLATFORM_MACHINE_REGISTRY_H_
#define GCATRUST_PLATFORM_MACHINE_REGISTRY_H_

#include <memory>

#include "installer/policy_registry.h"

namespace gcatrust {

std::unique_ptr<PolicyRegistryOpener> NewMachineRegistryOpener();

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_MACHINE_REGISTRY_H_
