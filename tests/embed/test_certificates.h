// Makes keys and certificates with the OpenSSL API, so every test states the exact property it
// is about (validity, CA flag, issuer name, signing key) instead of relying on opaque fixtures.
#ifndef GCATRUST_TESTS_EMBED_TEST_CERTIFICATES_H_
#define GCATRUST_TESTS_EMBED_TEST_CERTIFICATES_H_

#include <openssl/evp.h>

#include <ctime>
#include <memory>
#include <string>

#include "embed/openssl_util.h"

namespace gcatrust::embed::testing {

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyDeleter>;

/// A fresh EC P-256 key (fast to generate, so each test can have its own).
KeyPtr MakeKey();

/// A moment every default certificate is valid at: 2023-11-14T22:13:20Z.
inline constexpr std::time_t kNow = 1'700'000'000;
inline constexpr std::time_t kDay = 24 * 60 * 60;

struct CertSpec {
  std::string subject_cn;
  std::string issuer_cn;            ///< empty = same as subject_cn (self-issued)
  EVP_PKEY* public_key = nullptr;   ///< the key the certificate certifies
  EVP_PKEY* signing_key = nullptr;  ///< empty = public_key (self-signed)
  std::time_t not_before = kNow - 365 * kDay;
  std::time_t not_after = kNow + 3650 * kDay;
  bool ca = true;  ///< basicConstraints CA:TRUE; false = CA:FALSE
  long serial = 1;
};

X509Ptr MakeCertificate(const CertSpec& spec);

/// A self-signed CA root named `cn` with key `key`.
X509Ptr MakeRoot(const std::string& cn, EVP_PKEY* key);

/// A CA certificate for `public_key`, issued by (named after and signed with) the issuer.
X509Ptr MakeIssued(const std::string& cn, EVP_PKEY* public_key, const std::string& issuer_cn,
                   EVP_PKEY* issuer_key);

Bytes ToDer(X509* cert);
std::string ToPem(X509* cert);

}  // namespace gcatrust::embed::testing

#endif  // GCATRUST_TESTS_EMBED_TEST_CERTIFICATES_H_
