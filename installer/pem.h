// PEM encoding for `gcatrust export --pem` (RFC 7468: base64 in 64-character lines).
#ifndef GCATRUST_INSTALLER_PEM_H_
#define GCATRUST_INSTALLER_PEM_H_

#include <string>
#include <string_view>

namespace gcatrust {

std::string DerToPem(std::string_view der);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PEM_H_
