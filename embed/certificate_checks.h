// Verifies every certificate a manifest names before anything is generated: the file is there
// and parses, matches its pin, is a CA, is valid now, and chains as the manifest claims.
// Every problem is collected, so one failed build shows all broken certificates at once.
#ifndef GCATRUST_EMBED_CERTIFICATE_CHECKS_H_
#define GCATRUST_EMBED_CERTIFICATE_CHECKS_H_

#include <ctime>
#include <string>
#include <vector>

#include "embed/manifest.h"
#include "embed/openssl_util.h"

namespace gcatrust::embed {

/// A certificate that is to be embedded, with the facts the generated index needs.
struct VerifiedCertificate {
  ManifestEntry entry;
  Bytes der;
  std::string subject;     ///< RFC 2253, UTF-8
  std::string not_before;  ///< ISO 8601 UTC
  std::string not_after;
  std::string sha256;  ///< lowercase hex of `der`
};

struct Verification {
  std::vector<VerifiedCertificate> certificates;  ///< manifest order; skipped files left out
  std::vector<std::string> errors;                ///< each "<file> [<id>]: <reason>"
  std::vector<std::string> notices;               ///< e.g. an optional file that was skipped
  bool ok() const { return errors.empty(); }
};

/// Checks every entry of `manifest` as of `now` (seconds since the Unix epoch).
Verification VerifyCertificates(const Manifest& manifest, std::time_t now);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_CERTIFICATE_CHECKS_H_
