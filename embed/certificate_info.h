// The human-readable facts about a certificate that go into the generated index.
#ifndef GCATRUST_EMBED_CERTIFICATE_INFO_H_
#define GCATRUST_EMBED_CERTIFICATE_INFO_H_

#include <openssl/x509.h>

#include <string>

namespace gcatrust::embed {

/// RFC 2253 form of `name` with non-ASCII left as UTF-8 (not \XX escapes), so "行政院" reads
/// as such in `gcatrust list`.
std::string NameToUtf8Rfc2253(const X509_NAME* name);

/// ISO 8601 UTC, "YYYY-MM-DDTHH:MM:SSZ"; "" if OpenSSL cannot read the time.
std::string AsnTimeToIso8601(const ASN1_TIME* time);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_CERTIFICATE_INFO_H_
