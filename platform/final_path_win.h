// Windows: the final path of something that exists, links and junctions followed.
#ifndef GCATRUST_PLATFORM_FINAL_PATH_WIN_H_
#define GCATRUST_PLATFORM_FINAL_PATH_WIN_H_

#include <filesystem>
#include <optional>

namespace gcatrust {

/// The final path of something that exists (links and junctions followed, the case as stored),
/// without the \\?\ prefix GetFinalPathNameByHandleW puts in front; nullopt if it cannot be opened.
std::optional<std::filesystem::path> FinalPath(const std::filesystem::path& path);

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_FINAL_PATH_WIN_H_
