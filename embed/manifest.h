// The certificate manifest (certs/manifest.json; fields described in certs/README.md), read into
// plain structs. Parsing checks only the manifest's own shape; the certificates themselves are
// checked by certificate_checks.h.
#ifndef GCATRUST_EMBED_MANIFEST_H_
#define GCATRUST_EMBED_MANIFEST_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gcatrust::embed {

enum class CertRole { kRoot, kIntermediate, kCross };

/// "root", "intermediate" or "cross": the spelling used in the manifest and the generated code.
std::string_view RoleName(CertRole role);

struct ManifestEntry {
  std::string id;
  std::string name;
  std::string file;            ///< as written in the manifest (relative to its folder)
  std::filesystem::path path;  ///< `file` resolved against the manifest's folder
  CertRole role = CertRole::kRoot;
  std::string issuer;  ///< issuer id; a root names itself
  std::string sha256;  ///< pinned fingerprint, normalised to lowercase
  std::string published;
  bool optional = false;
  bool keep_expired = false;
};

struct Manifest {
  std::string name;
  std::vector<ManifestEntry> entries;  ///< in manifest order, which is the bundle order
};

/// A manifest plus every problem found in it; the entries with problems are left out.
struct ManifestParse {
  Manifest manifest;
  std::vector<std::string> errors;  ///< each "<manifest path>: <where>: <reason>"
  bool ok() const { return errors.empty(); }
};

/// Parses manifest JSON; `manifest_path` names the manifest in messages and anchors `file`.
ManifestParse ParseManifest(std::string_view json_text, const std::filesystem::path& manifest_path);

/// Reads and parses the manifest file at `manifest_path`.
ManifestParse LoadManifest(const std::filesystem::path& manifest_path);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_MANIFEST_H_
