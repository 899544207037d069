#include "embed/chain_checks.h"

#include "embed/certificate_info.h"

namespace gcatrust::embed {
namespace {

// X509_verify checks only the signature math, with no security-level policy, so GRCA1's
// sha1WithRSA signatures still verify; trust decisions are Firefox's job, not the embedder's.
Status CheckSignature(X509* cert, X509* signer, const std::string& signer_label) {
  EVP_PKEY* key = X509_get0_pubkey(signer);
  if (key == nullptr) {
    return Status::Error("cannot read the public key of " + signer_label + " (" +
                         TakeOpenSslErrors() + ")");
  }
  int verified = X509_verify(cert, key);
  std::string details = TakeOpenSslErrors();
  if (verified == 1) return Status::Ok();
  return Status::Error("signature does not verify with the public key of " + signer_label +
                       (details.empty() ? "" : " (" + details + ")"));
}

Status CheckRoot(X509* cert) {
  if (X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) != 0) {
    return Status::Error("role is root but the certificate is not self-issued (issuer \"" +
                         NameToUtf8Rfc2253(X509_get_issuer_name(cert)) +
                         "\" differs from subject \"" +
                         NameToUtf8Rfc2253(X509_get_subject_name(cert)) + "\")");
  }
  Status signature = CheckSignature(cert, cert, "itself");
  if (!signature.ok())
    return Status::Error("role is root but not self-signed: " + signature.message());
  return Status::Ok();
}

}  // namespace

Status CheckIssuer(const ManifestEntry& entry, X509* cert, const ChainContext& context) {
  if (entry.role == CertRole::kRoot) return CheckRoot(cert);

  const std::string label = "issuer \"" + entry.issuer + "\"";
  auto state = context.states.find(entry.issuer);
  if (state == context.states.end())
    return Status::Error(label + " is not a valid entry of the manifest");
  if (state->second == LoadState::kSkipped) {
    return Status::Error(label + " was skipped (its optional file is missing)");
  }
  auto issuer = context.loaded.find(entry.issuer);
  if (state->second == LoadState::kFailed || issuer == context.loaded.end()) {
    return Status::Error(label + " could not be loaded, so the signature cannot be checked");
  }
  X509* issuer_cert = issuer->second;
  if (X509_NAME_cmp(X509_get_issuer_name(cert), X509_get_subject_name(issuer_cert)) != 0) {
    return Status::Error("issuer name \"" + NameToUtf8Rfc2253(X509_get_issuer_name(cert)) +
                         "\" is not the subject of " + label + " (\"" +
                         NameToUtf8Rfc2253(X509_get_subject_name(issuer_cert)) + "\")");
  }
  return CheckSignature(cert, issuer_cert, label);
}

}  // namespace gcatrust::embed
