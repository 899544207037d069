#include "embed/bundle.h"

#include <zlib.h>

namespace gcatrust::embed {

Result<Bundle> BuildBundle(const std::string& name,
                           const std::vector<VerifiedCertificate>& certificates) {
  Bundle bundle;
  bundle.name = name;
  for (const VerifiedCertificate& cert : certificates) {
    const ManifestEntry& entry = cert.entry;
    bundle.records.push_back(BundleRecord{entry.id, entry.name, std::string(RoleName(entry.role)),
                                          entry.issuer, cert.subject, cert.not_before,
                                          cert.not_after, cert.sha256, entry.published,
                                          bundle.data.size(), cert.der.size()});
    bundle.data.insert(bundle.data.end(), cert.der.begin(), cert.der.end());
  }
  bundle.sha256 = Sha256Hex(bundle.data);

  uLongf compressed_size = compressBound(static_cast<uLong>(bundle.data.size()));
  bundle.compressed.resize(compressed_size);
  int status = compress2(bundle.compressed.data(), &compressed_size, bundle.data.data(),
                         static_cast<uLong>(bundle.data.size()), 9);
  if (status != Z_OK)
    return Status::Error("zlib compress2 failed with code " + std::to_string(status));
  bundle.compressed.resize(compressed_size);
  return bundle;
}

Result<Bytes> Decompress(const Bytes& compressed, std::size_t expected_size) {
  Bytes data(expected_size);
  uLongf size = static_cast<uLongf>(expected_size);
  int status =
      uncompress(data.data(), &size, compressed.data(), static_cast<uLong>(compressed.size()));
  if (status != Z_OK)
    return Status::Error("zlib uncompress failed with code " + std::to_string(status));
  if (size != expected_size) return Status::Error("inflated size differs from the expected size");
  return data;
}

}  // namespace gcatrust::embed
