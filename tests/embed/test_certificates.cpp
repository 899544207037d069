#include "tests/embed/test_certificates.h"

#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace gcatrust::embed::testing {
namespace {

void Require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what + " failed");
}

void SetCommonName(X509_NAME* name, const std::string& cn) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(cn.c_str());
  Require(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>("gcatrust tests"), -1,
                                     -1, 0) == 1,
          "O");
  Require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, bytes, -1, -1, 0) == 1, "CN");
}

void AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  Require(extension != nullptr, "extension");
  Require(X509_add_ext(cert, extension, -1) == 1, "add extension");
  X509_EXTENSION_free(extension);
}

}  // namespace

KeyPtr MakeKey() {
  KeyPtr key(EVP_EC_gen("P-256"));
  Require(key != nullptr, "EC key generation");
  return key;
}

X509Ptr MakeCertificate(const CertSpec& spec) {
  X509Ptr cert(X509_new());
  Require(cert != nullptr, "X509_new");
  Require(X509_set_version(cert.get(), 2) == 1, "version");
  Require(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), spec.serial) == 1, "serial");
  Require(ASN1_TIME_set(X509_getm_notBefore(cert.get()), spec.not_before) != nullptr, "notBefore");
  Require(ASN1_TIME_set(X509_getm_notAfter(cert.get()), spec.not_after) != nullptr, "notAfter");
  SetCommonName(X509_get_subject_name(cert.get()), spec.subject_cn);
  SetCommonName(X509_get_issuer_name(cert.get()),
                spec.issuer_cn.empty() ? spec.subject_cn : spec.issuer_cn);
  Require(X509_set_pubkey(cert.get(), spec.public_key) == 1, "public key");
  AddExtension(cert.get(), NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "CA:FALSE");
  EVP_PKEY* signer = spec.signing_key != nullptr ? spec.signing_key : spec.public_key;
  Require(X509_sign(cert.get(), signer, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

X509Ptr MakeRoot(const std::string& cn, EVP_PKEY* key) {
  CertSpec spec;
  spec.subject_cn = cn;
  spec.public_key = key;
  return MakeCertificate(spec);
}

X509Ptr MakeIssued(const std::string& cn, EVP_PKEY* public_key, const std::string& issuer_cn,
                   EVP_PKEY* issuer_key) {
  CertSpec spec;
  spec.subject_cn = cn;
  spec.issuer_cn = issuer_cn;
  spec.public_key = public_key;
  spec.signing_key = issuer_key;
  spec.serial = 2;
  return MakeCertificate(spec);
}

Bytes ToDer(X509* cert) {
  int length = i2d_X509(cert, nullptr);
  Require(length > 0, "i2d_X509");
  Bytes der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  i2d_X509(cert, &out);
  return der;
}

std::string ToPem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  Require(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

}  // namespace gcatrust::embed::testing
