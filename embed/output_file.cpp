#include "embed/output_file.h"

#include <fstream>
#include <system_error>

namespace gcatrust::embed {

Status WriteFileAtomically(const std::filesystem::path& path, const std::string& contents) {
  std::error_code error;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    return Status::Error(path.parent_path().u8string() +
                         ": cannot create folder: " + error.message());
  }
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(temp, error);
      return Status::Error(temp.u8string() + ": cannot write");
    }
  }
  std::filesystem::rename(temp, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return Status::Error(path.u8string() + ": cannot replace: " + error.message());
  }
  return Status::Ok();
}

}  // namespace gcatrust::embed
