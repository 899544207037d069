#include "tests/support/fake_file_system.h"

#include <algorithm>

namespace gcatrust {

fs::path FakeFileSystem::Resolve(const fs::path& path) const {
  fs::path out = "/";
  for (const fs::path& part : path.lexically_normal().relative_path()) {
    out /= part;
    for (int hops = 0; hops < 40; ++hops) {
      auto link = links_.find(out);
      if (link == links_.end()) break;
      out = link->second.lexically_normal();
    }
  }
  return out;
}

bool FakeFileSystem::IsReadOnly(const fs::path& path) const {
  const fs::path p = Resolve(path);
  return std::any_of(read_only_.begin(), read_only_.end(), [&](const fs::path& ro) {
    auto [a, b] = std::mismatch(ro.begin(), ro.end(), p.begin(), p.end());
    return a == ro.end();
  });
}

void FakeFileSystem::AddDirectory(const fs::path& dir) {
  fs::path p = "/";
  for (const fs::path& part : Resolve(dir).relative_path()) dirs_.insert(p /= part);
}

void FakeFileSystem::AddFile(const fs::path& path, std::string contents) {
  AddDirectory(Resolve(path).parent_path());
  files_[Resolve(path)] = std::move(contents);
}

void FakeFileSystem::AddSymlink(const fs::path& path, const fs::path& target) {
  AddDirectory(path.parent_path());
  links_[path.lexically_normal()] = target;
}

void FakeFileSystem::MakeReadOnly(const fs::path& dir) { read_only_.insert(Resolve(dir)); }

Result<std::string> FakeFileSystem::ReadFile(const fs::path& path) const {
  auto it = files_.find(Resolve(path));
  if (it == files_.end()) {
    return Status::Error(path.u8string() + ": No such file or directory", ErrorKind::kNotFound);
  }
  return it->second;
}

bool FakeFileSystem::Exists(const fs::path& path) const {
  const fs::path p = Resolve(path);
  return files_.count(p) > 0 || dirs_.count(p) > 0;
}

bool FakeFileSystem::IsDirectory(const fs::path& path) const {
  return dirs_.count(Resolve(path)) > 0;
}

Result<std::vector<std::string>> FakeFileSystem::ListDirectory(const fs::path& dir) const {
  const fs::path d = Resolve(dir);
  if (!dirs_.count(d))
    return Status::Error(dir.u8string() + ": not a directory", ErrorKind::kNotFound);
  std::set<std::string> names;
  for (const auto& [p, _] : files_) {
    if (p.parent_path() == d) names.insert(p.filename().u8string());
  }
  for (const fs::path& p : dirs_) {
    if (p != d && p.parent_path() == d) names.insert(p.filename().u8string());
  }
  for (const auto& [p, _] : links_) {
    if (p.parent_path() == d) names.insert(p.filename().u8string());
  }
  return std::vector<std::string>(names.begin(), names.end());
}

fs::path FakeFileSystem::ResolveSymlinks(const fs::path& path) const { return Resolve(path); }

bool FakeFileSystem::IsWritableDirectory(const fs::path& dir) const { return !IsReadOnly(dir); }

Status FakeFileSystem::MakeDirectories(const fs::path& dir) {
  if (IsReadOnly(dir)) return Status::Error(dir.u8string() + ": read-only", ErrorKind::kNeedsAdmin);
  if (!IsDirectory(dir)) {
    AddDirectory(dir);
    dirs_made.push_back(dir);
  }
  return Status::Ok();
}

Status FakeFileSystem::WriteFileAtomic(const fs::path& path, std::string_view contents) {
  if (IsReadOnly(path.parent_path())) {
    return Status::Error(path.u8string() + ": read-only", ErrorKind::kNeedsAdmin);
  }
  if (!IsDirectory(path.parent_path())) {
    return Status::Error(path.u8string() + ": no such directory");
  }
  files_[Resolve(path)] = std::string(contents);
  files_written.push_back(path);
  return Status::Ok();
}

Status FakeFileSystem::RemoveFile(const fs::path& path) {
  if (IsReadOnly(path.parent_path())) {
    return Status::Error(path.u8string() + ": read-only", ErrorKind::kNeedsAdmin);
  }
  if (files_.erase(Resolve(path))) files_removed.push_back(path);
  return Status::Ok();
}

Status FakeFileSystem::RemoveEmptyDirectory(const fs::path& dir) {
  if (links_.count(dir.lexically_normal())) return Status::Ok();  // rmdir on a symlink: ENOTDIR
  const fs::path d = Resolve(dir);
  auto children = ListDirectory(d);
  if (!children.ok() || !children.value().empty()) return Status::Ok();
  dirs_.erase(d);
  dirs_removed.push_back(dir);
  return Status::Ok();
}

std::optional<fs::path> FakeFileSystem::ReadSymlink(const fs::path& path) const {
  const fs::path normal = path.lexically_normal();
  auto link = links_.find(Resolve(normal.parent_path()) / normal.filename());
  if (link == links_.end()) link = links_.find(normal);
  if (link == links_.end()) return std::nullopt;
  return link->second;
}

}  // namespace gcatrust
