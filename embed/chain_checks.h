// The checks that involve two certificates: a root must be self-issued and self-signed, and an
// intermediate or cross certificate must be signed by the key of the issuer the manifest names.
#ifndef GCATRUST_EMBED_CHAIN_CHECKS_H_
#define GCATRUST_EMBED_CHAIN_CHECKS_H_

#include <map>
#include <string>

#include "embed/manifest.h"
#include "embed/openssl_util.h"
#include "installer/result.h"

namespace gcatrust::embed {

/// What became of each manifest id while loading: parsed, skipped (optional and missing), or
/// failed (already reported; its dependents are not blamed twice for the same cause).
enum class LoadState { kLoaded, kSkipped, kFailed };

struct ChainContext {
  std::map<std::string, LoadState> states;  ///< every id of the manifest
  std::map<std::string, X509*> loaded;      ///< id -> parsed certificate (not owned)
};

/// Checks how `entry`'s certificate `cert` relates to its issuer. Ok, or the reason it fails.
Status CheckIssuer(const ManifestEntry& entry, X509* cert, const ChainContext& context);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_CHAIN_CHECKS_H_
