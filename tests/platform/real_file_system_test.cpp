// RealFileSystem against the real disk, in a fresh temp dir per test. Permission failures are
// produced for real: tests usually run as root (where mode bits stop nothing), so those cases
// run in a forked child that drops to nobody, and the read-only case bind-mounts a directory
// read-only inside a private mount namespace that vanishes with the child.
#include "platform/real_file_system.h"

#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace gcatrust {
namespace {

// Debian's (and most distributions') unprivileged account.
constexpr uid_t kNobody = 65534;

std::string KindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kFailed:
      return "failed";
    case ErrorKind::kNeedsAdmin:
      return "needs_admin";
    case ErrorKind::kNotFound:
      return "not_found";
  }
  return "?";
}

// "ok" or "<kind>|<message>": one line a child process can send back to the test.
std::string Describe(const Status& status) {
  return status.ok() ? "ok" : KindName(status.kind()) + "|" + status.message();
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void WriteRaw(const fs::path& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  ASSERT_TRUE(out.good()) << path;
}

std::string ReadRaw(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Entry names read independently of the code under test, to spot leftover temp files.
std::vector<std::string> Names(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().u8string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

mode_t ModeOf(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

struct stat StatOf(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st;
}

class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t mask) : old_(::umask(mask)) {}
  ~UmaskGuard() { ::umask(old_); }

 private:
  mode_t old_;
};

// Runs body in a forked child and returns what it returned. gtest assertions do not cross
// fork(), so the child reports text and the parent asserts on it.
std::string RunInChild(const std::function<std::string()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return "ERROR: pipe failed";
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return "ERROR: fork failed";
  if (pid == 0) {
    ::close(fds[0]);
    std::string out = body();
    const char* data = out.data();
    size_t left = out.size();
    while (left > 0) {
      ssize_t n = ::write(fds[1], data, left);
      if (n <= 0) ::_exit(2);
      data += n;
      left -= static_cast<size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    out.append(buffer, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) return "ERROR: child failed";
  return out;
}

// Runs body as an unprivileged user: directly when not root, else in a child that switches to
// nobody for good (setresuid, so no saved id lets it back).
std::string RunUnprivileged(const std::function<std::string()>& body) {
  if (::geteuid() != 0) return body();
  return RunInChild([&body]() -> std::string {
    if (::setgroups(0, nullptr) != 0 || ::setresgid(kNobody, kNobody, kNobody) != 0 ||
        ::setresuid(kNobody, kNobody, kNobody) != 0) {
      return std::string("SKIP: cannot switch to nobody: ") + std::strerror(errno);
    }
    return body();
  });
}

bool WriteProcFile(const char* path, const std::string& text) {
  int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// In the calling (child) process: a private mount namespace, becoming root of a new user
// namespace first when not root. Returns "" or why it is not possible.
std::string EnterPrivateMountNamespace() {
  if (::geteuid() != 0) {
    uid_t uid = ::geteuid();
    gid_t gid = ::getegid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
      return std::string("unshare(user+mount namespace): ") + std::strerror(errno);
    }
    if (!WriteProcFile("/proc/self/setgroups", "deny") ||
        !WriteProcFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
        !WriteProcFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
      return "cannot map ids in the new user namespace";
    }
  } else if (::unshare(CLONE_NEWNS) != 0) {
    return std::string("unshare(mount namespace): ") + std::strerror(errno);
  }
  // Keep our mounts from propagating back to the host.
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return std::string("making / private: ") + std::strerror(errno);
  }
  return "";
}

// Bind-mounts dir onto itself read-only. The remount must repeat the flags the underlying
// mount already has (nosuid, nodev...), or the kernel refuses to clear those locked flags.
std::string BindReadOnly(const fs::path& dir) {
  if (::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    return std::string("bind mount: ") + std::strerror(errno);
  }
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) != 0) return "statvfs failed";
  unsigned long flags = MS_REMOUNT | MS_BIND | MS_RDONLY;
  if (vfs.f_flag & ST_NOSUID) flags |= MS_NOSUID;
  if (vfs.f_flag & ST_NODEV) flags |= MS_NODEV;
  if (vfs.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
  if (vfs.f_flag & ST_NOATIME) flags |= MS_NOATIME;
  if (vfs.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
  if (vfs.f_flag & ST_RELATIME) flags |= MS_RELATIME;
  if (::mount(nullptr, dir.c_str(), nullptr, flags, nullptr) != 0) {
    return std::string("read-only remount: ") + std::strerror(errno);
  }
  return "";
}

class RealFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "gcatrust-platform-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << std::strerror(errno);
    root_ = pattern;
    // mkdtemp makes 0700; nobody must be able to reach the directories below.
    ASSERT_EQ(::chmod(root_.c_str(), 0755), 0);
  }

  void TearDown() override {
    if (root_.empty()) return;
    // Tests make directories read-only; give write back so everything can be removed.
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) ::chmod(it->path().c_str(), 0755);
    }
    fs::remove_all(root_, ec);
    EXPECT_FALSE(ec) << "cannot clean up " << root_ << ": " << ec.message();
  }

  fs::path root_;
  RealFileSystem fs_;
};

TEST_F(RealFileSystemTest, RoundTripInDirectoryWithChineseNameAndSpaces) {
  UmaskGuard umask_guard(077);  // New files must get 0644 whatever the caller's umask.
  const fs::path dir = root_ / "王小明 的設定" / "Mozilla Firefox";
  ASSERT_TRUE(fs_.MakeDirectories(dir).ok());
  const fs::path file = dir / "policies 設定.json";
  std::string contents = "{\"policies\": {}}\n";
  contents += std::string("\0\x01\xff binary", 10);
  contents += std::string(300 * 1024, 'x');  // Larger than one read() buffer.

  Status written = fs_.WriteFileAtomic(file, contents);
  ASSERT_TRUE(written.ok()) << written.message();

  Result<std::string> read = fs_.ReadFile(file);
  ASSERT_TRUE(read.ok()) << read.message();
  EXPECT_EQ(read.value(), contents);
  EXPECT_EQ(ReadRaw(file), contents);
  EXPECT_EQ(ModeOf(file), 0644u);
  EXPECT_TRUE(fs_.Exists(file));
  EXPECT_FALSE(fs_.IsDirectory(file));
  EXPECT_TRUE(fs_.IsDirectory(dir));
  EXPECT_EQ(Names(dir), std::vector<std::string>{"policies 設定.json"});
}

TEST_F(RealFileSystemTest, OverwriteKeepsMode) {
  const fs::path file = root_ / "policies.json";
  WriteRaw(file, "old, and longer than the new contents");
  ASSERT_EQ(::chmod(file.c_str(), 0600), 0);

  ASSERT_TRUE(fs_.WriteFileAtomic(file, "new").ok());

  EXPECT_EQ(ReadRaw(file), "new");
  EXPECT_EQ(ModeOf(file), 0600u);
  EXPECT_EQ(Names(root_), std::vector<std::string>{"policies.json"});
}

TEST_F(RealFileSystemTest, OverwriteKeepsOwner) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the file another owner";
  const fs::path file = root_ / "policies.json";
  WriteRaw(file, "old");
  ASSERT_EQ(::chown(file.c_str(), 1234, 2345), 0);
  ASSERT_EQ(::chmod(file.c_str(), 0640), 0);

  ASSERT_TRUE(fs_.WriteFileAtomic(file, "new").ok());

  struct stat st = StatOf(file);
  EXPECT_EQ(st.st_uid, 1234u);
  EXPECT_EQ(st.st_gid, 2345u);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(ReadRaw(file), "new");
}

TEST_F(RealFileSystemTest, WritesThroughSymlinkedDirectory) {
  // Debian: /usr/lib/firefox-esr/distribution -> ../../share/firefox-esr/distribution.
  const fs::path real = root_ / "share" / "firefox-esr" / "distribution";
  ASSERT_TRUE(fs::create_directories(real));
  ASSERT_TRUE(fs::create_directories(root_ / "lib" / "firefox-esr"));
  const fs::path link = root_ / "lib" / "firefox-esr" / "distribution";
  fs::create_directory_symlink("../../share/firefox-esr/distribution", link);
  WriteRaw(real / "policies.json", "old");

  ASSERT_TRUE(fs_.WriteFileAtomic(link / "policies.json", "new").ok());
  ASSERT_TRUE(fs_.WriteFileAtomic(link / "extra.json", "created").ok());

  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "../../share/firefox-esr/distribution");
  EXPECT_EQ(ReadRaw(real / "policies.json"), "new");
  EXPECT_EQ(ReadRaw(real / "extra.json"), "created");
  EXPECT_EQ(Names(real), (std::vector<std::string>{"extra.json", "policies.json"}));
}

TEST_F(RealFileSystemTest, WritesThroughSymlinkedFile) {
  ASSERT_TRUE(fs::create_directories(root_ / "real"));
  ASSERT_TRUE(fs::create_directories(root_ / "etc"));
  const fs::path target = root_ / "real" / "target.json";
  const fs::path link = root_ / "etc" / "policies.json";
  WriteRaw(target, "old");
  ASSERT_EQ(::chmod(target.c_str(), 0640), 0);
  fs::create_symlink("../real/target.json", link);

  ASSERT_TRUE(fs_.WriteFileAtomic(link, "new").ok());

  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "../real/target.json");
  EXPECT_EQ(ReadRaw(target), "new");
  EXPECT_EQ(ModeOf(target), 0640u);
  EXPECT_EQ(Names(root_ / "etc"), std::vector<std::string>{"policies.json"});
  EXPECT_EQ(Names(root_ / "real"), std::vector<std::string>{"target.json"});
}

TEST_F(RealFileSystemTest, WritesThroughChainEndingInDanglingLink) {
  fs::create_symlink("b.json", root_ / "a.json");
  fs::create_symlink("c.json", root_ / "b.json");  // c.json does not exist yet.

  ASSERT_TRUE(fs_.WriteFileAtomic(root_ / "a.json", "new").ok());

  EXPECT_TRUE(fs::is_symlink(root_ / "a.json"));
  EXPECT_TRUE(fs::is_symlink(root_ / "b.json"));
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(root_ / "c.json")));
  EXPECT_EQ(ReadRaw(root_ / "c.json"), "new");
  EXPECT_EQ(Names(root_), (std::vector<std::string>{"a.json", "b.json", "c.json"}));
}

TEST_F(RealFileSystemTest, WritesThroughLinkWithLongTarget) {
  std::string target;
  for (int i = 0; i < 300; ++i) target += "./";  // Longer than any small fixed buffer.
  target += "target.json";
  WriteRaw(root_ / "target.json", "old");
  fs::create_symlink(target, root_ / "policies.json");

  ASSERT_TRUE(fs_.WriteFileAtomic(root_ / "policies.json", "new").ok());

  EXPECT_EQ(fs::read_symlink(root_ / "policies.json"), target);
  EXPECT_EQ(ReadRaw(root_ / "target.json"), "new");
}

TEST_F(RealFileSystemTest, SymlinkLoopFailsCleanly) {
  fs::create_symlink("b.json", root_ / "a.json");
  fs::create_symlink("a.json", root_ / "b.json");

  Status status = fs_.WriteFileAtomic(root_ / "a.json", "new");

  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Names(root_), (std::vector<std::string>{"a.json", "b.json"}));
}

TEST_F(RealFileSystemTest, WritingIntoMissingDirectoryFailsCleanly) {
  const fs::path file = root_ / "missing" / "policies.json";

  Status status = fs_.WriteFileAtomic(file, "new");

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.kind(), ErrorKind::kNotFound);
  EXPECT_TRUE(Contains(status.message(), file.u8string())) << status.message();
  EXPECT_TRUE(Names(root_).empty());
}

TEST_F(RealFileSystemTest, WritingOverDirectoryFails) {
  ASSERT_TRUE(fs::create_directory(root_ / "policies.json"));

  Status status = fs_.WriteFileAtomic(root_ / "policies.json", "new");

  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(fs::is_directory(root_ / "policies.json"));
  EXPECT_EQ(Names(root_), std::vector<std::string>{"policies.json"});
}

TEST_F(RealFileSystemTest, ReadMissingFileIsNotFound) {
  const fs::path file = root_ / "沒有 這個.json";

  Result<std::string> read = fs_.ReadFile(file);

  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().kind(), ErrorKind::kNotFound);
  EXPECT_TRUE(Contains(read.message(), file.u8string())) << read.message();
  EXPECT_FALSE(fs_.Exists(file));
}

TEST_F(RealFileSystemTest, PermissionDeniedNeedsAdmin) {
  const fs::path dir = root_ / "唯讀 dir";
  ASSERT_TRUE(fs::create_directory(dir));
  const fs::path file = dir / "policies.json";
  const fs::path secret = root_ / "secret.json";
  WriteRaw(file, "old");
  WriteRaw(secret, "secret");
  ASSERT_EQ(::chmod(secret.c_str(), 0000), 0);
  ASSERT_EQ(::chmod(dir.c_str(), 0555), 0);

  std::string report = RunUnprivileged([&]() -> std::string {
    RealFileSystem fs;
    Result<std::string> read = fs.ReadFile(secret);
    return Describe(fs.WriteFileAtomic(file, "new")) + "\n" +
           Describe(fs.WriteFileAtomic(dir / "new.json", "new")) + "\n" +
           Describe(fs.MakeDirectories(dir / "sub" / "deeper")) + "\n" +
           (read.ok() ? "ok" : Describe(read.status())) + "\n" +
           (fs.IsWritableDirectory(dir) ? "writable" : "not writable") + "\n" +
           (fs.IsWritableDirectory(dir / "child") ? "writable" : "not writable") + "\n" +
           (fs.IsWritableDirectory(root_ / "child") ? "writable" : "not writable") + "\n";
  });
  if (report.rfind("SKIP: ", 0) == 0) GTEST_SKIP() << report;
  std::vector<std::string> lines = SplitLines(report);
  ASSERT_EQ(lines.size(), 7u) << report;

  EXPECT_EQ(lines[0].rfind("needs_admin|", 0), 0u) << lines[0];
  EXPECT_TRUE(Contains(lines[0], file.u8string())) << lines[0];
  EXPECT_TRUE(Contains(lines[0], "Permission denied")) << lines[0];
  EXPECT_EQ(lines[1].rfind("needs_admin|", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind("needs_admin|", 0), 0u) << lines[2];
  EXPECT_TRUE(Contains(lines[2], "Permission denied")) << lines[2];
  EXPECT_EQ(lines[3].rfind("needs_admin|", 0), 0u) << lines[3];
  EXPECT_TRUE(Contains(lines[3], secret.u8string())) << lines[3];
  EXPECT_EQ(lines[4], "not writable");
  EXPECT_EQ(lines[5], "not writable");
  // root_ is 0755 and owned by root, so nobody may not write there either, unless we are
  // not root at all and own it.
  EXPECT_EQ(lines[6], ::geteuid() == 0 ? "not writable" : "writable");

  EXPECT_EQ(ReadRaw(file), "old");
  EXPECT_EQ(Names(dir), std::vector<std::string>{"policies.json"});
}

TEST_F(RealFileSystemTest, FailureAfterTempFileIsCreatedRemovesIt) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to own a file in a directory nobody can write";
  // nobody may create files here but cannot give the replacement root's ownership, so the
  // write fails after the temp file exists.
  const fs::path dir = root_ / "shared";
  ASSERT_TRUE(fs::create_directory(dir));
  ASSERT_EQ(::chmod(dir.c_str(), 0777), 0);
  const fs::path file = dir / "policies.json";
  WriteRaw(file, "old");
  ASSERT_EQ(::chmod(file.c_str(), 0666), 0);

  std::string report = RunUnprivileged(
      [&]() -> std::string { return Describe(RealFileSystem().WriteFileAtomic(file, "new")); });
  if (report.rfind("SKIP: ", 0) == 0) GTEST_SKIP() << report;

  EXPECT_EQ(report.rfind("needs_admin|", 0), 0u) << report;
  EXPECT_TRUE(Contains(report, "owner")) << report;
  EXPECT_EQ(ReadRaw(file), "old");
  EXPECT_EQ(StatOf(file).st_uid, 0u);
  EXPECT_EQ(Names(dir), std::vector<std::string>{"policies.json"});
}

TEST_F(RealFileSystemTest, ReadOnlyFileSystemNeedsAdmin) {
  const fs::path dir = root_ / "mounted ro";
  ASSERT_TRUE(fs::create_directory(dir));
  const fs::path file = dir / "policies.json";
  WriteRaw(file, "old");

  std::string report = RunInChild([&]() -> std::string {
    std::string problem = EnterPrivateMountNamespace();
    if (problem.empty()) problem = BindReadOnly(dir);
    if (!problem.empty()) return "SKIP: no read-only mount possible here: " + problem;
    RealFileSystem fs;
    return Describe(fs.WriteFileAtomic(file, "new")) + "\n" +
           Describe(fs.MakeDirectories(dir / "sub")) + "\n" +
           (fs.IsWritableDirectory(dir) ? "writable" : "not writable") + "\n" +
           (fs.IsWritableDirectory(dir / "child" / "grandchild") ? "writable" : "not writable") +
           "\n";
  });
  if (report.rfind("SKIP: ", 0) == 0) GTEST_SKIP() << report;
  std::vector<std::string> lines = SplitLines(report);
  ASSERT_EQ(lines.size(), 4u) << report;

  EXPECT_EQ(lines[0].rfind("needs_admin|", 0), 0u) << lines[0];
  EXPECT_TRUE(Contains(lines[0], "Read-only file system")) << lines[0];
  EXPECT_TRUE(Contains(lines[0], file.u8string())) << lines[0];
  EXPECT_EQ(lines[1].rfind("needs_admin|", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "not writable");
  EXPECT_EQ(lines[3], "not writable");
  EXPECT_EQ(ReadRaw(file), "old");
  EXPECT_EQ(Names(dir), std::vector<std::string>{"policies.json"});
}

TEST_F(RealFileSystemTest, MakeDirectoriesUses0755WhateverTheUmask) {
  UmaskGuard umask_guard(077);
  const fs::path deepest = root_ / "etc" / "fire fox" / "政策";

  ASSERT_TRUE(fs_.MakeDirectories(deepest).ok());
  ASSERT_TRUE(fs_.MakeDirectories(deepest).ok());  // Already there: fine.

  EXPECT_EQ(ModeOf(root_ / "etc"), 0755u);
  EXPECT_EQ(ModeOf(root_ / "etc" / "fire fox"), 0755u);
  EXPECT_EQ(ModeOf(deepest), 0755u);
}

TEST_F(RealFileSystemTest, MakeDirectoriesFailsOnFileInTheWay) {
  WriteRaw(root_ / "etc", "a file");

  Status status = fs_.MakeDirectories(root_ / "etc" / "firefox");

  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(Contains(status.message(), (root_ / "etc").u8string())) << status.message();
  EXPECT_EQ(ReadRaw(root_ / "etc"), "a file");
}

TEST_F(RealFileSystemTest, MakeDirectoriesThroughSymlinkedDirectory) {
  ASSERT_TRUE(fs::create_directory(root_ / "real"));
  fs::create_directory_symlink("real", root_ / "link");

  ASSERT_TRUE(fs_.MakeDirectories(root_ / "link" / "sub").ok());

  EXPECT_TRUE(fs::is_symlink(root_ / "link"));
  EXPECT_TRUE(fs::is_directory(root_ / "real" / "sub"));
}

TEST_F(RealFileSystemTest, RemoveFile) {
  WriteRaw(root_ / "policies.json", "x");

  EXPECT_TRUE(fs_.RemoveFile(root_ / "policies.json").ok());
  EXPECT_TRUE(fs_.RemoveFile(root_ / "policies.json").ok());  // Missing: not an error.
  EXPECT_TRUE(Names(root_).empty());
}

TEST_F(RealFileSystemTest, RemoveFileRemovesALinkNotItsTarget) {
  WriteRaw(root_ / "target.json", "x");
  fs::create_symlink("target.json", root_ / "link.json");

  EXPECT_TRUE(fs_.RemoveFile(root_ / "link.json").ok());

  EXPECT_EQ(Names(root_), std::vector<std::string>{"target.json"});
}

TEST_F(RealFileSystemTest, RemoveEmptyDirectoryOnlyWhenEmpty) {
  const fs::path full = root_ / "full";
  const fs::path empty = root_ / "empty";
  ASSERT_TRUE(fs::create_directory(full));
  ASSERT_TRUE(fs::create_directory(empty));
  WriteRaw(full / "keep.json", "x");

  EXPECT_TRUE(fs_.RemoveEmptyDirectory(full).ok());
  EXPECT_TRUE(fs_.RemoveEmptyDirectory(empty).ok());
  EXPECT_TRUE(fs_.RemoveEmptyDirectory(root_ / "missing").ok());

  EXPECT_EQ(ReadRaw(full / "keep.json"), "x");
  EXPECT_EQ(Names(root_), std::vector<std::string>{"full"});
}

TEST_F(RealFileSystemTest, ListDirectoryIsSorted) {
  for (const char* name : {"b.json", "王小明", "a b", ".hidden"}) WriteRaw(root_ / name, "");
  ASSERT_TRUE(fs::create_directory(root_ / "sub"));

  Result<std::vector<std::string>> names = fs_.ListDirectory(root_);

  ASSERT_TRUE(names.ok()) << names.message();
  // Byte order, so UTF-8 names sort after ASCII ones.
  EXPECT_EQ(names.value(), (std::vector<std::string>{".hidden", "a b", "b.json", "sub", "王小明"}));
}

TEST_F(RealFileSystemTest, ListMissingDirectoryIsNotFound) {
  Result<std::vector<std::string>> names = fs_.ListDirectory(root_ / "missing");

  ASSERT_FALSE(names.ok());
  EXPECT_EQ(names.status().kind(), ErrorKind::kNotFound);
}

TEST_F(RealFileSystemTest, ResolveSymlinks) {
  const fs::path real = root_ / "share" / "distribution";
  ASSERT_TRUE(fs::create_directories(real));
  fs::create_directory_symlink("share/distribution", root_ / "distribution");
  WriteRaw(real / "policies.json", "x");
  const fs::path canonical_real = fs::canonical(real);

  EXPECT_EQ(fs_.ResolveSymlinks(root_ / "distribution" / "policies.json"),
            canonical_real / "policies.json");
  // Not written yet: the existing part is still resolved.
  EXPECT_EQ(fs_.ResolveSymlinks(root_ / "distribution" / "new.json"), canonical_real / "new.json");
  EXPECT_EQ(fs_.ResolveSymlinks("/no such dir/policies.json"), "/no such dir/policies.json");
}

TEST_F(RealFileSystemTest, IsWritableDirectory) {
  WriteRaw(root_ / "file", "x");

  EXPECT_TRUE(fs_.IsWritableDirectory(root_));
  EXPECT_TRUE(fs_.IsWritableDirectory(root_ / "new"));
  EXPECT_TRUE(fs_.IsWritableDirectory(root_ / "new" / "deeper"));
  EXPECT_FALSE(fs_.IsWritableDirectory(root_ / "file"));
  EXPECT_FALSE(fs_.IsWritableDirectory(root_ / "file" / "child"));
}

}  // namespace
}  // namespace gcatrust
