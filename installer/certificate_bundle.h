// Decodes the build-time bundle and refuses a damaged one: the zlib stream must inflate to the
// recorded size and SHA-256, and every certificate must still match its pinned fingerprint.
#ifndef GCATRUST_INSTALLER_CERTIFICATE_BUNDLE_H_
#define GCATRUST_INSTALLER_CERTIFICATE_BUNDLE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "installer/certificate.h"
#include "installer/embedded_bundle.h"
#include "installer/result.h"

namespace gcatrust {

/// The generated data, gathered so tests can hand in a damaged copy.
struct BundleView {
  std::string name;
  const unsigned char* compressed = nullptr;
  std::size_t compressed_size = 0;
  std::size_t size = 0;
  std::string sha256;
  const embedded::CertRecord* records = nullptr;
  std::size_t record_count = 0;
};

/// The bundle linked into this executable.
BundleView EmbeddedBundleView();

/// Inflates and checks the bundle; an error names what is damaged.
Result<std::vector<Certificate>> DecodeBundle(const BundleView& bundle);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_CERTIFICATE_BUNDLE_H_
