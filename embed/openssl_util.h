// RAII owners for the few OpenSSL objects the embedder touches, plus two helpers that every
// check needs (the DER fingerprint and the text of OpenSSL's error queue).
#ifndef GCATRUST_EMBED_OPENSSL_UTIL_H_
#define GCATRUST_EMBED_OPENSSL_UTIL_H_

#include <openssl/bio.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

namespace gcatrust::embed {

using Bytes = std::vector<unsigned char>;

struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

/// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(const Bytes& data);

/// Drains OpenSSL's thread-local error queue into one line ("" if it was empty), so a stale
/// error from one certificate never shows up in the message about the next.
std::string TakeOpenSslErrors();

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_OPENSSL_UTIL_H_
