#include "embed/embed_tool.h"

#include "embed/bundle.h"
#include "embed/bundle_source_writer.h"
#include "embed/certificate_checks.h"
#include "embed/manifest.h"
#include "embed/output_file.h"

namespace gcatrust::embed {

int RunEmbed(const EmbedOptions& options, std::time_t now, std::ostream& out, std::ostream& err) {
  ManifestParse parse = LoadManifest(options.manifest);
  // Certificates of well-formed entries are checked even when other entries are malformed,
  // so one run reports everything there is to fix.
  Verification verification = VerifyCertificates(parse.manifest, now);

  for (const std::string& notice : verification.notices) err << "notice: " << notice << '\n';
  std::size_t error_count = parse.errors.size() + verification.errors.size();
  for (const std::string& error : parse.errors) err << "error: " << error << '\n';
  for (const std::string& error : verification.errors) err << "error: " << error << '\n';
  if (parse.ok() && verification.certificates.empty()) {
    err << "error: " << options.manifest.u8string() << ": no certificate left to embed\n";
    ++error_count;
  }
  if (error_count > 0) {
    err << "gcatrust-embed: " << error_count << " problem(s); " << options.output.u8string()
        << " was not written\n";
    return 1;
  }

  Result<Bundle> bundle = BuildBundle(parse.manifest.name, verification.certificates);
  if (!bundle.ok()) {
    err << "error: " << bundle.message() << '\n';
    return 1;
  }
  // Only the bare file name goes into the banner: absolute paths would make builds differ.
  std::string source = WriteBundleSource(bundle.value(), options.manifest.filename().u8string());
  Status written = WriteFileAtomically(options.output, source);
  if (!written.ok()) {
    err << "error: " << written.message() << '\n';
    return 1;
  }
  out << "gcatrust-embed: " << bundle.value().records.size() << " certificates embedded, bundle "
      << bundle.value().data.size() << " bytes, compressed " << bundle.value().compressed.size()
      << " bytes\n";
  return 0;
}

}  // namespace gcatrust::embed
