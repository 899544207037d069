// Certificates for core unit tests. The core never parses DER, so the bytes are stand-ins.
#ifndef GCATRUST_TESTS_UNIT_TEST_CERTS_H_
#define GCATRUST_TESTS_UNIT_TEST_CERTS_H_

#include <vector>

#include "installer/certificate.h"

namespace gcatrust {

inline std::vector<Certificate> TestCerts() {
  return {
      {"root-a", "Root A", "root", "root-a", "CN=Root A", "2020-01-01T00:00:00Z",
       "2040-01-01T00:00:00Z", "aa", "https://example.test/a", std::string("DER-A\0\x01", 7)},
      {"inter-b", "Intermediate B", "intermediate", "root-a", "CN=B", "2020-01-01T00:00:00Z",
       "2040-01-01T00:00:00Z", "bb", "https://example.test/b", "DER-B"},
  };
}

}  // namespace gcatrust

#endif  // GCATRUST_TESTS_UNIT_TEST_CERTS_H_
