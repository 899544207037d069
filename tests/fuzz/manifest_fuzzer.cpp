// Fuzz target: the certificate manifest reader (embed/manifest.h). Any bytes are a manifest
// text. Properties: no crash, hang or leak; an accepted entry has everything the generator
// relies on (a valid unique id, a lowercase fingerprint, a root that names itself).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "embed/manifest.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool IsIdChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using gcatrust::embed::CertRole;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path manifest_path = "/src/certs/manifest.json";
  const gcatrust::embed::ManifestParse parse = gcatrust::embed::ParseManifest(text, manifest_path);

  std::set<std::string> ids;
  for (const gcatrust::embed::ManifestEntry& e : parse.manifest.entries) {
    FUZZ_CHECK(!e.id.empty());
    for (char c : e.id) FUZZ_CHECK(IsIdChar(c));
    FUZZ_CHECK(ids.insert(e.id).second);
    FUZZ_CHECK(!e.name.empty() && !e.file.empty() && !e.issuer.empty() && !e.published.empty());
    FUZZ_CHECK(e.sha256.size() == 64);
    for (char c : e.sha256) FUZZ_CHECK(IsLowerHex(c));
    FUZZ_CHECK((e.role == CertRole::kRoot) == (e.issuer == e.id));
    FUZZ_CHECK(e.path == manifest_path.parent_path() / std::filesystem::u8path(e.file));
  }
  for (const std::string& error : parse.errors) {
    FUZZ_CHECK(error.rfind(manifest_path.u8string() + ": ", 0) == 0);  // names the manifest
  }
  if (parse.ok()) FUZZ_CHECK(!parse.manifest.entries.empty() && !parse.manifest.name.empty());
  return 0;
}
