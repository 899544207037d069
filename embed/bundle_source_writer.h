// Turns a Bundle into the C++ source that defines the symbols of installer/embedded_bundle.h.
#ifndef GCATRUST_EMBED_BUNDLE_SOURCE_WRITER_H_
#define GCATRUST_EMBED_BUNDLE_SOURCE_WRITER_H_

#include <string>
#include <string_view>

#include "embed/bundle.h"

namespace gcatrust::embed {

/// The complete .cpp text. It is a pure function of its inputs (no time, no paths beyond
/// `manifest_file_name`, which should be a bare file name) so builds are reproducible. The
/// compressed bytes are an array initialiser, 16 a line, because MSVC caps string literals.
std::string WriteBundleSource(const Bundle& bundle, std::string_view manifest_file_name);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_BUNDLE_SOURCE_WRITER_H_
