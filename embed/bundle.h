// The in-memory form of what gets embedded: the concatenated DERs, their zlib stream, and the
// index of records. bundle_source_writer.h turns it into C++; tests inspect it directly.
#ifndef GCATRUST_EMBED_BUNDLE_H_
#define GCATRUST_EMBED_BUNDLE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "embed/certificate_checks.h"
#include "embed/openssl_util.h"
#include "installer/result.h"

namespace gcatrust::embed {

/// Mirrors gcatrust::embedded::CertRecord (installer/embedded_bundle.h) field for field.
struct BundleRecord {
  std::string id;
  std::string name;
  std::string role;
  std::string issuer_id;
  std::string subject;
  std::string not_before;
  std::string not_after;
  std::string sha256;
  std::string published;
  std::size_t offset = 0;
  std::size_t size = 0;
};

struct Bundle {
  std::string name;
  Bytes data;          ///< uncompressed: every DER, in manifest order
  Bytes compressed;    ///< zlib stream (RFC 1950) of `data`
  std::string sha256;  ///< lowercase hex SHA-256 of `data`
  std::vector<BundleRecord> records;
};

/// Concatenates and compresses (zlib level 9, which is deterministic for a given zlib).
Result<Bundle> BuildBundle(const std::string& name,
                           const std::vector<VerifiedCertificate>& certificates);

/// Inflates a zlib stream whose inflated size is known; used by tests to round-trip a bundle.
Result<Bytes> Decompress(const Bytes& compressed, std::size_t expected_size);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_BUNDLE_H_
