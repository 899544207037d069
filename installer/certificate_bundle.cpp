#include "installer/certificate_bundle.h"

#include <zlib.h>

#include "platform/sha256.h"

namespace gcatrust {

BundleView EmbeddedBundleView() {
  BundleView view;
  view.name = embedded::kBundleName;
  view.compressed = embedded::kCompressedBundle;
  view.compressed_size = embedded::kCompressedBundleSize;
  view.size = embedded::kBundleSize;
  view.sha256 = embedded::kBundleSha256;
  view.records = embedded::kCertRecords;
  view.record_count = embedded::kCertRecordCount;
  return view;
}

namespace {

Status Damaged(const std::string& what) {
  return Status::Error("the embedded certificate bundle is damaged (" + what +
                       "); get a fresh copy of gcatrust");
}

}  // namespace

Result<std::vector<Certificate>> DecodeBundle(const BundleView& bundle) {
  std::string raw(bundle.size, '\0');
  uLongf raw_size = static_cast<uLongf>(raw.size());
  int rc = uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size, bundle.compressed,
                      static_cast<uLong>(bundle.compressed_size));
  if (rc != Z_OK) return Damaged(std::string("zlib: ") + zError(rc));
  if (raw_size != bundle.size) return Damaged("wrong size");
  if (Sha256Hex(raw) != bundle.sha256) return Damaged("checksum mismatch");

  std::vector<Certificate> certs;
  certs.reserve(bundle.record_count);
  for (std::size_t i = 0; i < bundle.record_count; ++i) {
    const embedded::CertRecord& r = bundle.records[i];
    if (r.offset > raw.size() || r.size > raw.size() - r.offset) {
      return Damaged(std::string("index out of range for ") + r.id);
    }
    Certificate c{r.id,         r.name,      r.role,   r.issuer_id, r.subject,
                  r.not_before, r.not_after, r.sha256, r.published, raw.substr(r.offset, r.size)};
    if (Sha256Hex(c.der) != c.sha256) return Damaged("fingerprint mismatch for " + c.id);
    certs.push_back(std::move(c));
  }
  return certs;
}

}  // namespace gcatrust
