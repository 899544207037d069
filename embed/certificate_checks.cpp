#include "embed/certificate_checks.h"

#include <openssl/x509v3.h>

#include <map>
#include <utility>

#include "embed/certificate_file.h"
#include "embed/certificate_info.h"
#include "embed/chain_checks.h"

namespace gcatrust::embed {
namespace {

struct Loaded {
  const ManifestEntry* entry;
  ParsedCertificate parsed;
};

std::string Where(const ManifestEntry& entry) {
  return entry.path.u8string() + " [" + entry.id + "]";
}

bool IsCa(X509* cert) {
  int critical = 0;
  auto* constraints = static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(cert, NID_basic_constraints, &critical, nullptr));
  bool is_ca = constraints != nullptr && constraints->ca != 0;
  BASIC_CONSTRAINTS_free(constraints);
  TakeOpenSslErrors();  // "no extension" is an answer here, not an error to keep around
  return is_ca;
}

// Checks that need only the certificate itself; returns every reason it fails.
std::vector<std::string> CheckAlone(const ManifestEntry& entry, const ParsedCertificate& parsed,
                                    std::time_t now) {
  std::vector<std::string> reasons;
  std::string actual = Sha256Hex(parsed.der);
  if (actual != entry.sha256) {
    reasons.push_back("SHA-256 " + actual + " does not match the pinned " + entry.sha256);
  }
  X509* cert = parsed.cert.get();
  if (!IsCa(cert)) reasons.push_back("not a CA certificate (basicConstraints CA:TRUE missing)");

  const ASN1_TIME* not_before = X509_get0_notBefore(cert);
  const ASN1_TIME* not_after = X509_get0_notAfter(cert);
  int before_cmp = ASN1_TIME_cmp_time_t(not_before, now);
  int after_cmp = ASN1_TIME_cmp_time_t(not_after, now);
  if (before_cmp == -2 || after_cmp == -2) {
    reasons.push_back("unreadable validity dates");
  } else if (before_cmp > 0) {
    reasons.push_back("not valid yet: notBefore " + AsnTimeToIso8601(not_before));
  } else if (after_cmp < 0 && !entry.keep_expired) {
    reasons.push_back("expired: notAfter " + AsnTimeToIso8601(not_after) +
                      " (set \"keep_expired\": true to embed it anyway)");
  }
  TakeOpenSslErrors();
  return reasons;
}

VerifiedCertificate Describe(const Loaded& loaded) {
  X509* cert = loaded.parsed.cert.get();
  return VerifiedCertificate{*loaded.entry,
                             loaded.parsed.der,
                             NameToUtf8Rfc2253(X509_get_subject_name(cert)),
                             AsnTimeToIso8601(X509_get0_notBefore(cert)),
                             AsnTimeToIso8601(X509_get0_notAfter(cert)),
                             Sha256Hex(loaded.parsed.der)};
}

}  // namespace

Verification VerifyCertificates(const Manifest& manifest, std::time_t now) {
  Verification result;
  std::vector<Loaded> loaded;
  ChainContext context;

  for (const ManifestEntry& entry : manifest.entries) {
    Result<Bytes> contents = ReadFileBytes(entry.path);
    if (!contents.ok()) {
      bool missing = contents.status().kind() == ErrorKind::kNotFound;
      if (missing && entry.optional) {
        result.notices.push_back(Where(entry) + ": optional file not found, skipped");
        context.states[entry.id] = LoadState::kSkipped;
      } else {
        result.errors.push_back(Where(entry) + ": " + contents.message());
        context.states[entry.id] = LoadState::kFailed;
      }
      continue;
    }
    Result<ParsedCertificate> parsed = ParseCertificate(contents.value());
    if (!parsed.ok()) {
      result.errors.push_back(Where(entry) + ": " + parsed.message());
      context.states[entry.id] = LoadState::kFailed;
      continue;
    }
    context.states[entry.id] = LoadState::kLoaded;
    loaded.push_back(Loaded{&entry, std::move(parsed).value()});
  }

  for (const Loaded& item : loaded) context.loaded[item.entry->id] = item.parsed.cert.get();

  std::map<std::string, std::string> id_by_fingerprint;
  for (const Loaded& item : loaded) {
    const ManifestEntry& entry = *item.entry;
    std::vector<std::string> reasons = CheckAlone(entry, item.parsed, now);
    Status chain = CheckIssuer(entry, item.parsed.cert.get(), context);
    if (!chain.ok()) reasons.push_back(chain.message());
    // The same certificate under two ids would be installed twice under two nicknames.
    auto [first, inserted] = id_by_fingerprint.emplace(Sha256Hex(item.parsed.der), entry.id);
    if (!inserted) reasons.push_back("same certificate as id \"" + first->second + "\"");

    for (const std::string& reason : reasons) result.errors.push_back(Where(entry) + ": " + reason);
    result.certificates.push_back(Describe(item));
  }
  return result;
}

}  // namespace gcatrust::embed
