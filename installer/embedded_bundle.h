// Declarations of the data that gcatrust-embed generates at build time (embedded_certs.cpp in
// the build tree). The bundle is the concatenation of every certificate's DER, zlib-compressed;
// the index says where each certificate lies in the uncompressed bundle and what it is.
#ifndef GCATRUST_INSTALLER_EMBEDDED_BUNDLE_H_
#define GCATRUST_INSTALLER_EMBEDDED_BUNDLE_H_

#include <cstddef>

namespace gcatrust::embedded {

/// One certificate of the bundle. All strings are UTF-8; dates are ISO 8601 UTC
/// ("2032-12-05T09:23:33Z"); sha256 is the lowercase hex SHA-256 of the DER (the fingerprint).
struct CertRecord {
  const char* id;         ///< manifest id, stable, [a-z0-9-]: names files and NSS nicknames
  const char* name;       ///< human name from the manifest
  const char* role;       ///< "root", "intermediate" or "cross"
  const char* issuer_id;  ///< manifest id of the issuer (itself for a root)
  const char* subject;    ///< RFC 2253 subject, UTF-8
  const char* not_before;
  const char* not_after;
  const char* sha256;
  const char* published;  ///< where the certificate is published (URL)
  std::size_t offset;     ///< byte offset of the DER in the uncompressed bundle
  std::size_t size;       ///< DER length
};

extern const char kBundleName[];                 ///< manifest "name"
extern const unsigned char kCompressedBundle[];  ///< zlib stream (RFC 1950)
extern const std::size_t kCompressedBundleSize;
extern const std::size_t kBundleSize;  ///< uncompressed size
extern const char kBundleSha256[];     ///< hex SHA-256 of the uncompressed bundle
extern const CertRecord kCertRecords[];
extern const std::size_t kCertRecordCount;

}  // namespace gcatrust::embedded

#endif  // GCATRUST_INSTALLER_EMBEDDED_BUNDLE_H_
