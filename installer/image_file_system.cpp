#include "installer/image_file_system.h"

#include <deque>
#include <utility>

namespace gcatrust {

namespace {

// Linux gives up after 40 links too (MAXSYMLINKS, path_resolution(7)).
constexpr int kMaxSymlinkHops = 40;

// path relative to root when it lies inside it ("" for the root itself), else nullopt.
std::optional<fs::path> InsideRoot(const fs::path& root, const fs::path& path) {
  const fs::path normal = path.lexically_normal();
  const fs::path rel = normal.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  return rel == "." ? fs::path() : rel;
}

}  // namespace

ImageFileSystem::ImageFileSystem(FileSystem& inner, fs::path root)
    : inner_(inner), root_(std::move(root)) {
  root_ = root_.lexically_normal();
  if (root_.has_relative_path() && !root_.has_filename()) root_ = root_.parent_path();  // "dir/"
}

Result<fs::path> ImageFileSystem::Resolve(const fs::path& path, bool follow_last) const {
  const std::optional<fs::path> rel = InsideRoot(root_, path);
  if (!rel) return path;
  std::deque<fs::path> todo(rel->begin(), rel->end());
  fs::path done = root_;  // resolved so far: real directories, no links
  int hops = 0;
  while (!todo.empty()) {
    const fs::path part = todo.front();
    todo.pop_front();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (done != root_) done = done.parent_path();  // the image's "/.." is "/" again
      continue;
    }
    const fs::path next = done / part;
    const bool last = todo.empty();
    std::optional<fs::path> target =
        (last && !follow_last) ? std::nullopt : inner_.ReadSymlink(next);
    if (!target) {
      done = next;
      continue;
    }
    if (++hops > kMaxSymlinkHops) {
      return Status::Error("cannot resolve \"" + path.u8string() +
                           "\" inside the image: too many levels of symbolic links");
    }
    if (target->is_absolute()) done = root_;  // "/x" in the image is <root>/x here
    const fs::path relative_target = target->relative_path();
    std::deque<fs::path> parts(relative_target.begin(), relative_target.end());
    todo.insert(todo.begin(), parts.begin(), parts.end());
  }
  return done;
}

Result<fs::path> ImageFileSystem::ResolveForChange(const fs::path& path, bool follow_last) const {
  if (!InsideRoot(root_, path)) {
    return Status::Error("refusing to change \"" + path.u8string() +
                         "\": it is outside the image " + "\"" + root_.u8string() + "\" (--root)");
  }
  return Resolve(path, follow_last);
}

Result<std::string> ImageFileSystem::ReadFile(const fs::path& path) const {
  Result<fs::path> p = Resolve(path);
  if (!p.ok()) return p.status();
  return inner_.ReadFile(p.value());
}

bool ImageFileSystem::Exists(const fs::path& path) const {
  Result<fs::path> p = Resolve(path);
  return p.ok() && inner_.Exists(p.value());
}

bool ImageFileSystem::IsDirectory(const fs::path& path) const {
  Result<fs::path> p = Resolve(path);
  return p.ok() && inner_.IsDirectory(p.value());
}

Result<std::vector<std::string>> ImageFileSystem::ListDirectory(const fs::path& dir) const {
  Result<fs::path> p = Resolve(dir);
  if (!p.ok()) return p.status();
  return inner_.ListDirectory(p.value());
}

fs::path ImageFileSystem::ResolveSymlinks(const fs::path& path) const {
  Result<fs::path> p = Resolve(path);
  return p.ok() ? p.value() : path;
}

bool ImageFileSystem::IsWritableDirectory(const fs::path& dir) const {
  Result<fs::path> p = Resolve(dir);
  return p.ok() && inner_.IsWritableDirectory(p.value());
}

Status ImageFileSystem::CheckAdminWritePath(const fs::path& trusted_root,
                                            const fs::path& path) const {
  // First the path as given, so that a link someone else owns is refused as such (the inner
  // walk follows an absolute link onto this machine, whose system folders are root's), then
  // the path as the image resolves it, whose folders are the ones written to.
  if (Status s = inner_.CheckAdminWritePath(trusted_root, path); !s.ok()) return s;
  Result<fs::path> p = ResolveForChange(path, /*follow_last=*/true);
  if (!p.ok()) return p.status();
  return inner_.CheckAdminWritePath(trusted_root, p.value());
}

void ImageFileSystem::RemoveStaleTempFiles(const fs::path& path) {
  Result<fs::path> p = ResolveForChange(path, /*follow_last=*/true);
  if (p.ok()) inner_.RemoveStaleTempFiles(p.value());
}

Status ImageFileSystem::MakeDirectories(const fs::path& dir) {
  Result<fs::path> p = ResolveForChange(dir, /*follow_last=*/true);
  if (!p.ok()) return p.status();
  return inner_.MakeDirectories(p.value());
}

Status ImageFileSystem::WriteFileAtomic(const fs::path& path, std::string_view contents) {
  Result<fs::path> p = ResolveForChange(path, /*follow_last=*/true);
  if (!p.ok()) return p.status();
  return inner_.WriteFileAtomic(p.value(), contents);
}

Status ImageFileSystem::RemoveFile(const fs::path& path) {
  Result<fs::path> p = ResolveForChange(path, /*follow_last=*/false);
  if (!p.ok()) return p.status();
  return inner_.RemoveFile(p.value());
}

Status ImageFileSystem::RemoveEmptyDirectory(const fs::path& dir) {
  Result<fs::path> p = ResolveForChange(dir, /*follow_last=*/false);
  if (!p.ok()) return p.status();
  return inner_.RemoveEmptyDirectory(p.value());
}

std::optional<fs::path> ImageFileSystem::ReadSymlink(const fs::path& path) const {
  Result<fs::path> p = Resolve(path, /*follow_last=*/false);
  if (!p.ok()) return std::nullopt;
  return inner_.ReadSymlink(p.value());
}

}  // namespace gcatrust
