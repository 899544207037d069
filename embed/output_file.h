// Writing the generated source so that a build never sees half a file.
#ifndef GCATRUST_EMBED_OUTPUT_FILE_H_
#define GCATRUST_EMBED_OUTPUT_FILE_H_

#include <filesystem>
#include <string>

#include "installer/result.h"

namespace gcatrust::embed {

/// Writes `contents` to "<path>.tmp" beside `path`, then renames it over `path`, creating the
/// parent folder if needed (the build tree subfolder may not exist yet).
Status WriteFileAtomically(const std::filesystem::path& path, const std::string& contents);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_OUTPUT_FILE_H_
