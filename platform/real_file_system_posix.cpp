// RealFileSystem on POSIX. Plain system calls rather than std::filesystem for the writes,
// because the atomic replace needs what std::filesystem does not offer: mkstemp in the target's
// directory, fsync, fchmod/fchown on the open file, and errno to tell "needs admin" apart from
// other failures. Paths are UTF-8 bytes on Linux, so names like "王小明 的設定" need no conversion.
#include "platform/real_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "installer/failpoint.h"

namespace gcatrust {
namespace {

// Linux gives up after 40 links too (MAXSYMLINKS, path_resolution(7)).
constexpr int kMaxSymlinkHops = 40;
// Far beyond PATH_MAX (4096 on Linux); only a guard against growing a buffer forever.
constexpr size_t kMaxLinkLength = 64 * 1024;

std::string Quote(const fs::path& path) { return "\"" + path.u8string() + "\""; }

// Permission problems and read-only mounts are what an administrator (or another location)
// fixes; everything else is a plain failure.
ErrorKind KindFromErrno(int error) {
  switch (error) {
    case ENOENT:
      return ErrorKind::kNotFound;
    case EACCES:
    case EPERM:
    case EROFS:
      return ErrorKind::kNeedsAdmin;
    default:
      return ErrorKind::kFailed;
  }
}

// "<what> <path>: <strerror>", e.g. `cannot read "/etc/x": Permission denied`.
Status ErrnoError(const std::string& what, const fs::path& path, int error) {
  return Status::Error(what + " " + Quote(path) + ": " + std::strerror(error),
                       KindFromErrno(error));
}

// readlink(2) with a buffer that grows until the target fits: st_size is only a hint (it is 0
// for some /proc links, and the link may change between lstat and readlink).
Result<std::string> ReadLink(const fs::path& link, off_t size_hint) {
  size_t size = std::max<size_t>(static_cast<size_t>(std::max<off_t>(size_hint, 0)) + 1, 256);
  for (;;) {
    std::string target(size, '\0');
    ssize_t n = ::readlink(link.c_str(), target.data(), target.size());
    if (n < 0) return ErrnoError("cannot read the link", link, errno);
    if (static_cast<size_t>(n) < target.size()) {
      target.resize(static_cast<size_t>(n));
      return target;
    }
    if (size >= kMaxLinkLength) return ErrnoError("cannot read the link", link, ENAMETOOLONG);
    size *= 2;
  }
}

// Follows symlinks in the LAST component only, so a link named policies.json is written
// through instead of being replaced by a regular file. Links among the parent directories need
// no work: the kernel follows them for the temp file and the rename alike, which is what keeps
// Debian's /usr/lib/firefox-esr/distribution (a link to /usr/share/firefox-esr/distribution,
// installer/docs/facts.md §2.2) a link. A dangling link resolves to its (missing) target, which is
// then created. Relative targets are joined to the link's directory without lexical normalisation,
// so ".." keeps its kernel meaning (parent of the real directory, not of the link).
Result<fs::path> ResolveLastComponent(const fs::path& path) {
  fs::path current = path;
  for (int hop = 0; hop < kMaxSymlinkHops; ++hop) {
    struct stat st;
    if (::lstat(current.c_str(), &st) != 0) {
      if (errno == ENOENT) return current;
      return ErrnoError("cannot inspect", current, errno);
    }
    if (!S_ISLNK(st.st_mode)) return current;
    Result<std::string> target = ReadLink(current, st.st_size);
    if (!target.ok()) return target.status();
    fs::path next(target.value());
    current = next.is_absolute() ? next : current.parent_path() / next;
  }
  return ErrnoError("cannot resolve", path, ELOOP);
}

// Removes the temporary file unless Release() was called (after a successful rename).
class TempFileGuard {
 public:
  explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  void set_fd(int fd) { fd_ = fd; }
  /// Closes the descriptor and reports close()'s errno (0 on success).
  int Close() {
    int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }
  void Release() { path_.clear(); }

 private:
  std::string path_;
  int fd_ = -1;
};

int WriteAll(int fd, std::string_view contents) {
  const char* data = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  return 0;
}

// A rename is only durable once the directory entry is on disk (rename(2), fsync(2)).
// Some file systems refuse fsync on a directory with EINVAL; the data is then as safe as
// that file system can make it, so that is not an error.
int SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int result = ::fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
  ::close(fd);
  return result;
}

// Temp files are ".<name>.gcatrust-XXXXXX" (mkstemp fills in the X's) beside the target.
constexpr const char* kTempSuffixPattern = "XXXXXX";
std::string TempPrefix(const fs::path& name) { return "." + name.u8string() + ".gcatrust-"; }

// A run killed between mkstemp and rename (kill -9, power cut) leaves its temp file behind:
// the next write of the same file removes it. Only gcatrust makes names of this shape (the
// mkstemp template below: prefix + 6 characters), and runs that change files take turns
// (run_lock.h), so no other run is using one. Best effort: a file that stays is only clutter.
void RemoveStaleTemps(const fs::path& dir, const std::string& prefix) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) return;
  std::vector<std::string> stale;
  while (const dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name.size() == prefix.size() + 6 && name.compare(0, prefix.size(), prefix) == 0) {
      stale.push_back(name);
    }
  }
  ::closedir(handle);
  for (const std::string& name : stale) ::unlink((dir / name).c_str());
}

}  // namespace

Result<std::string> RealFileSystem::ReadFile(const fs::path& path) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot read", path, errno);
  std::string contents;
  char buffer[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return ErrnoError("cannot read", path, error);
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return contents;
}

bool RealFileSystem::Exists(const fs::path& path) const {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

bool RealFileSystem::IsDirectory(const fs::path& path) const {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Result<std::vector<std::string>> RealFileSystem::ListDirectory(const fs::path& dir) const {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) return ErrnoError("cannot list", dir, errno);
  std::vector<std::string> names;
  for (;;) {
    errno = 0;
    const dirent* entry = ::readdir(handle);
    if (entry == nullptr) break;
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  int error = errno;
  ::closedir(handle);
  if (error != 0) return ErrnoError("cannot list", dir, error);
  std::sort(names.begin(), names.end());
  return names;
}

fs::path RealFileSystem::ResolveSymlinks(const fs::path& path) const {
  // weakly_canonical resolves the longest existing prefix and appends the rest, so a
  // policies.json not written yet under a linked distribution/ still maps to the real folder.
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(path, ec);
  return ec ? path : resolved;
}

bool RealFileSystem::IsWritableDirectory(const fs::path& dir) const {
  std::error_code ec;
  fs::path current = fs::absolute(dir, ec);
  if (ec) return false;
  // The nearest existing ancestor is where MakeDirectories would start creating.
  struct stat st;
  while (::stat(current.c_str(), &st) != 0) {
    if (errno != ENOENT) return false;
    fs::path parent = current.parent_path();
    if (parent == current) return false;
    current = std::move(parent);
  }
  if (!S_ISDIR(st.st_mode)) return false;
  // A read-only mount, checked directly too: access() only reports EROFS when glibc can ask the
  // kernel, not when it has to emulate AT_EACCESS with stat (set-user-ID callers, old kernels).
  struct statvfs vfs;
  if (::statvfs(current.c_str(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY) != 0) return false;
  // W_OK|X_OK: create and rename entries. AT_EACCESS: judge with the effective ids, the ones
  // the write itself will use. access() also fails with EROFS on a read-only mount, even for root.
  return ::faccessat(AT_FDCWD, current.c_str(), W_OK | X_OK, AT_EACCESS) == 0;
}

Status RealFileSystem::CheckAdminWritePath(const fs::path& trusted_root,
                                           const fs::path& path) const {
  if (::geteuid() != 0) return Status::Ok();
  std::error_code ec;
  fs::path start = fs::absolute(trusted_root.empty() ? fs::path("/") : trusted_root, ec);
  const fs::path full = fs::absolute(path, ec);
  fs::path rel = full.lexically_relative(start);
  if (rel.empty() || *rel.begin() == "..") {
    start = "/";
    rel = full.relative_path();
  }
  auto refuse = [&path](const fs::path& where, const std::string& why) {
    return Status::Error("refusing to write " + Quote(path) + " as administrator: " + Quote(where) +
                         " " + why +
                         ", so another user could redirect the write; make it root's "
                         "(chown root, chmod go-w) or remove it, then run again");
  };
  // A directory the writes go through: root's, and writable by no one else. Group write is
  // allowed for root's own group only.
  // A sticky world-writable directory of root's (/tmp, sticky(7)... chmod(1) "restricted
  // deletion"): others may add names but not rename or remove root's entries, so it may be
  // passed through to an existing root-owned directory, but no file in it is written.
  bool in_sticky_dir = false;
  auto check_directory = [&refuse, &in_sticky_dir](const fs::path& dir,
                                                   const struct stat& st) -> Status {
    if (st.st_uid != 0) return refuse(dir, "belongs to uid " + std::to_string(st.st_uid));
    in_sticky_dir = (st.st_mode & S_IWOTH) != 0 && (st.st_mode & S_ISVTX) != 0;
    if ((st.st_mode & S_IWOTH) != 0 && !in_sticky_dir) {
      return refuse(dir, "is writable by every user");
    }
    if ((st.st_mode & S_IWGRP) != 0 && st.st_gid != 0) {
      return refuse(dir, "is writable by group " + std::to_string(st.st_gid));
    }
    return Status::Ok();
  };
  struct stat st;
  if (::stat(start.c_str(), &st) != 0) return ErrnoError("cannot inspect", start, errno);
  if (Status s = check_directory(start, st); !s.ok()) return s;

  // The kernel's own walk (path_resolution(7)), one component at a time, so that every link
  // and directory it would pass is looked at: a root-owned link such as Debian's
  // /usr/lib/firefox-esr/distribution (installer/docs/facts.md §2.2) is followed and its target
  // checked.
  std::deque<fs::path> todo(rel.begin(), rel.end());
  fs::path current = start;
  int hops = 0;
  while (!todo.empty()) {
    const fs::path name = todo.front();
    todo.pop_front();
    if (name.empty() || name == ".") continue;
    if (name == "..") {
      current = current.parent_path();
      continue;
    }
    const fs::path next = current / name;
    if (::lstat(next.c_str(), &st) != 0) {
      // Not there yet: root creates it, inside a directory found safe above (not a sticky
      // one, where another user could have put the name there first).
      if (errno == ENOENT) {
        return in_sticky_dir ? refuse(current, "is writable by every user") : Status::Ok();
      }
      return ErrnoError("cannot inspect", next, errno);
    }
    if (S_ISLNK(st.st_mode)) {
      if (st.st_uid != 0) {
        return refuse(next, "is a symbolic link of uid " + std::to_string(st.st_uid));
      }
      if (++hops > kMaxSymlinkHops) return ErrnoError("cannot resolve", path, ELOOP);
      Result<std::string> target = ReadLink(next, st.st_size);
      if (!target.ok()) return target.status();
      const fs::path link(target.value());
      if (link.is_absolute()) current = "/";
      const fs::path link_rel = link.relative_path();
      todo.insert(todo.begin(), link_rel.begin(), link_rel.end());
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (Status s = check_directory(next, st); !s.ok()) return s;
      current = next;
      continue;
    }
    // The file itself (replaced by a rename in its checked directory, never written through);
    // not in a sticky world-writable one, where its name and text are anyone's.
    return in_sticky_dir ? refuse(current, "is writable by every user") : Status::Ok();
  }
  return Status::Ok();
}

Status RealFileSystem::MakeDirectories(const fs::path& dir) {
  fs::path current;
  for (const fs::path& part : dir) {
    current /= part;
    if (::mkdir(current.c_str(), 0755) == 0) {
      Failpoint("mkdir.created");
      // mkdir's mode is reduced by the umask; a root shell with umask 077 would otherwise make
      // /etc/firefox/policies unreadable to the users whose Firefox must read it.
      if (::chmod(current.c_str(), 0755) != 0) {
        return ErrnoError("cannot set permissions on", current, errno);
      }
      // The new entry is only durable once its parent is flushed (as after a rename below).
      // Best effort: if it is lost in a power cut, so is what we wrote inside, and the target
      // is back to "not there yet", which a rerun fixes.
      SyncDirectory(current.has_parent_path() ? current.parent_path() : fs::path("."));
      Failpoint("mkdir.dir-synced");
      continue;
    }
    int error = errno;
    struct stat st;
    if (::stat(current.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) continue;
      return Status::Error("cannot create directory " + Quote(current) +
                           ": a file with that name is in the way");
    }
    return ErrnoError("cannot create directory", current, error);
  }
  return Status::Ok();
}

Status RealFileSystem::WriteFileAtomic(const fs::path& path, std::string_view contents) {
  Result<fs::path> resolved = ResolveLastComponent(path);
  if (!resolved.ok()) return resolved.status();
  const fs::path& target = resolved.value();
  const std::string what = target == path
                               ? "cannot write " + Quote(path)
                               : "cannot write " + Quote(path) + " (link to " + Quote(target) + ")";
  auto fail = [&what](const std::string& step, int error) {
    std::string message = what + ": " + step + std::strerror(error);
    if (KindFromErrno(error) == ErrorKind::kNeedsAdmin) {
      message += error == EROFS ? " (the file system is mounted read-only)"
                                : " (administrator rights are needed)";
    }
    return Status::Error(std::move(message), KindFromErrno(error));
  };

  // An existing file passes on its mode and owner; a new one gets 0644 (root-owned policies
  // must stay readable by every user's Firefox).
  mode_t mode = 0644;
  bool existed = false;
  struct stat old_st;
  if (::stat(target.c_str(), &old_st) == 0) {
    if (!S_ISREG(old_st.st_mode)) {
      return Status::Error(what + ": it exists and is not a regular file");
    }
    existed = true;
    mode = old_st.st_mode & 07777;
  } else if (errno != ENOENT) {
    return fail("", errno);
  }

  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  const std::string temp_prefix = TempPrefix(target.filename());
  RemoveStaleTemps(dir, temp_prefix);
  std::string temp_path = (dir / (temp_prefix + kTempSuffixPattern)).u8string();
  int fd = ::mkostemp(temp_path.data(), O_CLOEXEC);
  if (fd < 0) return fail("cannot create a temporary file in " + Quote(dir) + ": ", errno);
  TempFileGuard temp(temp_path);
  temp.set_fd(fd);
  Failpoint("write.temp-created");

  // Two halves, so that the crash tests can stop the process with half a file written.
  const std::string_view::size_type half = contents.size() / 2;
  if (int error = WriteAll(fd, contents.substr(0, half))) return fail("", error);
  Failpoint("write.partial");
  if (int error = WriteAll(fd, contents.substr(half))) return fail("", error);
  Failpoint("write.written");
  if (::fsync(fd) != 0) return fail("cannot flush: ", errno);
  Failpoint("write.fsynced");
  // Owner before mode: chown(2) clears set-user-ID/set-group-ID bits, chmod then restores them.
  if (existed && ::fchown(fd, old_st.st_uid, old_st.st_gid) != 0) {
    int error = errno;
    struct stat temp_st;
    bool ids_match = ::fstat(fd, &temp_st) == 0 && temp_st.st_uid == old_st.st_uid &&
                     temp_st.st_gid == old_st.st_gid;
    if (error != EPERM || !ids_match) {
      return fail("cannot keep the file's owner: ", error);
    }
  }
  if (::fchmod(fd, mode) != 0) return fail("cannot set permissions: ", errno);
  if (int error = temp.Close()) return fail("", error);
  if (::rename(temp_path.c_str(), target.c_str()) != 0) return fail("", errno);
  temp.Release();
  Failpoint("write.renamed");
  if (int error = SyncDirectory(dir)) {
    return fail("written, but the directory could not be flushed: ", error);
  }
  Failpoint("write.dir-synced");
  return Status::Ok();
}

void RealFileSystem::RemoveStaleTempFiles(const fs::path& path) {
  RemoveStaleTemps(path.has_parent_path() ? path.parent_path() : fs::path("."),
                   TempPrefix(path.filename()));
}

Status RealFileSystem::RemoveFile(const fs::path& path) {
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return ErrnoError("cannot remove", path, errno);
  }
  Failpoint("remove.unlinked");
  // Flushed like a rename, so that uninstall's order (policies.json first, then the files it
  // listed) also holds after a power cut. Best effort: a removal lost in a power cut leaves a
  // file that a rerun removes again.
  SyncDirectory(path.has_parent_path() ? path.parent_path() : fs::path("."));
  Failpoint("remove.dir-synced");
  return Status::Ok();
}

Status RealFileSystem::RemoveEmptyDirectory(const fs::path& dir) {
  // Temp files of a killed run (".<name>.gcatrust-XXXXXX") do not make the directory the
  // user's: they go first.
  if (DIR* handle = ::opendir(dir.c_str())) {
    std::vector<std::string> stale;
    while (const dirent* entry = ::readdir(handle)) {
      const std::string name = entry->d_name;
      const auto at = name.rfind(".gcatrust-");
      if (name[0] == '.' && at != std::string::npos && at > 0 &&
          name.size() == at + std::strlen(".gcatrust-") + 6) {
        stale.push_back(name);
      }
    }
    ::closedir(handle);
    for (const std::string& name : stale) ::unlink((dir / name).c_str());
  }
  if (::rmdir(dir.c_str()) == 0) {
    Failpoint("rmdir.removed");
    return Status::Ok();
  }
  // Not empty (Linux says ENOTEMPTY, POSIX also allows EEXIST), already gone, or not a directory
  // at all (ENOTDIR: e.g. Debian's distribution symlink, which is never ours to remove): leave it.
  if (errno == ENOTEMPTY || errno == EEXIST || errno == ENOENT || errno == ENOTDIR) {
    return Status::Ok();
  }
  return ErrnoError("cannot remove directory", dir, errno);
}

std::optional<fs::path> RealFileSystem::ReadSymlink(const fs::path& path) const {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return std::nullopt;
  Result<std::string> target = ReadLink(path, st.st_size);
  if (!target.ok()) return std::nullopt;
  return fs::path(target.value());
}

}  // namespace gcatrust
