// POSIX child processes: fork + execve with pipes. Everything the child needs (argv, envp,
// supplementary groups) is prepared before fork, so the child calls only async-signal-safe
// functions and this is safe even when several threads start workers at once.
#include "platform/process.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

extern char** environ;

namespace gcatrust {

namespace {

std::string ErrnoText(const std::string& what, int err) { return what + ": " + std::strerror(err); }

/// argv[0] as execve needs it: a path. Bare names are looked up in PATH like execvp does.
std::string ResolveProgram(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/" + name;
    if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return name;
}

std::vector<std::string> BuildEnvironment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    const std::string key = entry.substr(0, entry.find('='));
    if (!overrides.count(key)) env.push_back(std::move(entry));
  }
  for (const auto& [key, value] : overrides) env.push_back(key + "=" + value);
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() { Close(); }
  bool Open() { return ::pipe2(fd, O_CLOEXEC) == 0; }
  void Close() {
    for (int& f : fd) {
      if (f >= 0) ::close(f);
      f = -1;
    }
  }
};

/// Writes stdin and drains stdout/stderr together, so neither side blocks on a full pipe.
void Pump(int in_fd, const std::string& input, int out_fd, int err_fd, ProcessResult& result) {
  std::size_t written = 0;
  if (input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  } else {
    // Non-blocking: POLLOUT promises room for some bytes, not for the whole input, and a
    // blocking write of the rest would wait for a child that waits for us to read its output.
    ::fcntl(in_fd, F_SETFL, ::fcntl(in_fd, F_GETFL) | O_NONBLOCK);
  }
  char buffer[65536];
  while (out_fd >= 0 || err_fd >= 0 || in_fd >= 0) {
    pollfd fds[3];
    int n = 0;
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in_fd) {
        ssize_t w = ::write(in_fd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
          ::close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      ssize_t r = ::read(fds[i].fd, buffer, sizeof buffer);
      if (r > 0) {
        (fds[i].fd == out_fd ? result.stdout_data : result.stderr_data).append(buffer, r);
      } else if (r == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        (fds[i].fd == out_fd ? out_fd : err_fd) = -1;
      }
    }
  }
  if (in_fd >= 0) ::close(in_fd);
}

}  // namespace

Result<ProcessResult> RunProcess(const ProcessSpec& spec) {
  if (spec.argv.empty()) return Status::Error("no program to run");
  std::vector<std::string> argv = spec.argv;
  const std::string program = ResolveProgram(argv[0]);
  std::vector<std::string> envp = BuildEnvironment(spec.env);
  std::vector<char*> argv_ptrs = Pointers(argv);
  std::vector<char*> envp_ptrs = Pointers(envp);

  std::vector<gid_t> groups;
  if (spec.uid && spec.user_name.empty()) {
    groups.push_back(spec.gid.value_or(*spec.uid));  // an account this machine does not know
  } else if (spec.uid) {
    // The account's supplementary groups, looked up now: getgrouplist is not safe after fork.
    int count = 64;
    groups.resize(count);
    const gid_t gid = spec.gid.value_or(*spec.uid);
    while (::getgrouplist(spec.user_name.c_str(), gid, groups.data(), &count) < 0) {
      groups.resize(count);
    }
    groups.resize(count);
  }

  Pipe in, out, err;
  if (!in.Open() || !out.Open() || !err.Open()) return Status::Error(ErrnoText("pipe", errno));

  // A worker that dies must not kill us with SIGPIPE while we write its stdin; a failed write
  // then shows as EPIPE and the worker's exit status tells what happened. (Process-wide and
  // never restored: restoring would race with other threads' workers.)
  ::signal(SIGPIPE, SIG_IGN);

  const pid_t pid = ::fork();
  if (pid < 0) return Status::Error(ErrnoText("fork", errno));
  if (pid == 0) {
    ::dup2(in.fd[0], 0);
    ::dup2(out.fd[1], 1);
    ::dup2(err.fd[1], 2);
    if (spec.uid) {
      // Order matters: groups and gid while still root, uid last (no way back after it).
      const gid_t gid = spec.gid.value_or(*spec.uid);
      if (::setgroups(groups.size(), groups.data()) != 0 || ::setgid(gid) != 0 ||
          ::setuid(*spec.uid) != 0) {
        static const char kMsg[] = "gcatrust: cannot switch to the profile owner\n";
        (void)!::write(2, kMsg, sizeof kMsg - 1);
        ::_exit(126);
      }
    }
    ::execve(program.c_str(), argv_ptrs.data(), envp_ptrs.data());
    static const char kMsg[] = "gcatrust: cannot start the program\n";
    (void)!::write(2, kMsg, sizeof kMsg - 1);
    ::_exit(127);
  }
  ::close(in.fd[0]);
  in.fd[0] = -1;
  ::close(out.fd[1]);
  out.fd[1] = -1;
  ::close(err.fd[1]);
  err.fd[1] = -1;

  ProcessResult result;
  const int in_fd = in.fd[1], out_fd = out.fd[0], err_fd = err.fd[0];
  in.fd[1] = out.fd[0] = err.fd[0] = -1;  // Pump closes them
  Pump(in_fd, spec.stdin_data, out_fd, err_fd, result);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::map<std::string, std::string> LibraryPathEnvironment(const std::filesystem::path& dir) {
  return {{"LD_LIBRARY_PATH", dir.u8string()}};
}

std::filesystem::path SelfExecutablePath() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : path;
}

}  // namespace gcatrust
