#include "embed/certificate_file.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string_view>

namespace gcatrust::embed {
namespace {

bool LooksLikePem(const Bytes& contents) {
  static constexpr std::string_view kMarker = "-----BEGIN ";
  return std::search(contents.begin(), contents.end(), kMarker.begin(), kMarker.end()) !=
         contents.end();
}

// Reads the raw DER out of the PEM block instead of re-encoding a parsed X509, so the
// fingerprint covers exactly the bytes in the file.
Result<Bytes> PemBlockToDer(const Bytes& contents) {
  BioPtr bio(BIO_new_mem_buf(contents.data(), static_cast<int>(contents.size())));
  if (!bio) return Status::Error("out of memory");
  Bytes der;
  int blocks = 0;
  for (;;) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &data, &length) != 1) break;
    std::string type = name;
    Bytes block(data, data + length);
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    if (type != "CERTIFICATE" && type != "X509 CERTIFICATE") {
      return Status::Error("holds a PEM block of type \"" + type + "\"; expected only CERTIFICATE");
    }
    if (++blocks > 1)
      return Status::Error("holds more than one certificate; put each in its own file");
    der = std::move(block);
  }
  // Reading past the last block always leaves "no start line"; anything else is real damage.
  unsigned long last = ERR_peek_last_error();
  bool clean_end = ERR_GET_REASON(last) == PEM_R_NO_START_LINE;
  std::string errors = TakeOpenSslErrors();
  if (blocks == 0 || !clean_end) {
    return Status::Error("not a readable PEM certificate (" + errors + ")");
  }
  return der;
}

Result<ParsedCertificate> ParseDer(const Bytes& contents);

Result<ParsedCertificate> ParsePem(const Bytes& contents) {
  Result<Bytes> der = PemBlockToDer(contents);
  if (!der.ok()) return der.status();
  return ParseDer(der.value());
}

Result<ParsedCertificate> ParseDer(const Bytes& contents) {
  const unsigned char* in = contents.data();
  X509Ptr cert(d2i_X509(nullptr, &in, static_cast<long>(contents.size())));
  if (!cert) {
    return Status::Error("not a parsable certificate (" + TakeOpenSslErrors() + ")");
  }
  if (in != contents.data() + contents.size()) {
    return Status::Error("has " + std::to_string(contents.data() + contents.size() - in) +
                         " stray bytes after the DER certificate");
  }
  return ParsedCertificate{std::move(cert), contents};
}

}  // namespace

Result<ParsedCertificate> ParseCertificate(const Bytes& contents) {
  if (contents.empty()) return Status::Error("is empty");
  ERR_clear_error();
  return LooksLikePem(contents) ? ParsePem(contents) : ParseDer(contents);
}

Result<Bytes> ReadFileBytes(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    if (!std::filesystem::exists(path, error)) {
      return Status::Error("file not found", ErrorKind::kNotFound);
    }
    return Status::Error("not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("cannot open for reading");
  Bytes contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::Error("read error");
  return contents;
}

}  // namespace gcatrust::embed
