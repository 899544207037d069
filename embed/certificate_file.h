// Reads one certificate file, PEM or DER, and insists on exactly one certificate in it: a file
// with two would otherwise embed whichever one the parser happened to return.
#ifndef GCATRUST_EMBED_CERTIFICATE_FILE_H_
#define GCATRUST_EMBED_CERTIFICATE_FILE_H_

#include <filesystem>

#include "embed/openssl_util.h"
#include "installer/result.h"

namespace gcatrust::embed {

struct ParsedCertificate {
  X509Ptr cert;
  Bytes der;  ///< the exact DER encoding that was in the file (what the pin covers)
};

/// Parses `contents` as one PEM "CERTIFICATE" block or as one DER certificate.
Result<ParsedCertificate> ParseCertificate(const Bytes& contents);

/// Reads the whole file; kNotFound if it does not exist.
Result<Bytes> ReadFileBytes(const std::filesystem::path& path);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_CERTIFICATE_FILE_H_
