// One embedded certificate, decoded and checked at start-up.
#ifndef GCATRUST_INSTALLER_CERTIFICATE_H_
#define GCATRUST_INSTALLER_CERTIFICATE_H_

#include <string>

namespace gcatrust {

struct Certificate {
  std::string id;  ///< stable manifest id: names files ("gcatrust-<id>.der")
  std::string name;
  std::string role;  ///< root, intermediate or cross
  std::string issuer_id;
  std::string subject;     ///< RFC 2253, UTF-8
  std::string not_before;  ///< ISO 8601 UTC
  std::string not_after;
  std::string sha256;  ///< lowercase hex SHA-256 of der
  std::string published;
  std::string der;
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_CERTIFICATE_H_
