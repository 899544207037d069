// SHA-256 for the run time (the bundle's integrity check), from a system library chosen per OS
// by CMake, so the executable needs no OpenSSL.
#ifndef GCATRUST_PLATFORM_SHA256_H_
#define GCATRUST_PLATFORM_SHA256_H_

#include <string>
#include <string_view>

namespace gcatrust {

/// Lowercase hex SHA-256 of data.
std::string Sha256Hex(std::string_view data);

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_SHA256_H_
