// GCATRUST_FAILPOINT for the crash tests (see the header). POSIX: signals stop the process the
// way kill -9 does; the Windows crash tests, if any, would need TerminateProcess instead.
#include "platform/failpoints_from_environment.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "installer/failpoint.h"

namespace gcatrust {
namespace {

std::string& Wanted() {
  static std::string step;
  return step;
}
long wanted_hit = 1;
bool stop_instead = false;
long hits = 0;
const char* log_path = nullptr;

void Hook(const char* step) {
  if (log_path != nullptr) {
    // O_APPEND, one write per line: whole lines even from the parallel NSS workers.
    int fd = ::open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      std::string line = std::string(step) + "\n";
      if (::write(fd, line.data(), line.size()) < 0) {
        // Only a test aid: a lost line shows up as a step the test never tries.
      }
      ::close(fd);
    }
  }
  if (Wanted() != step || ++hits != wanted_hit) return;
  ::raise(stop_instead ? SIGSTOP : SIGKILL);
}

}  // namespace

void InstallFailpointsFromEnvironment() {
  log_path = std::getenv("GCATRUST_FAILPOINT_LOG");
  const char* spec = std::getenv("GCATRUST_FAILPOINT");
  if (spec != nullptr && *spec != '\0') {
    std::string s = spec;
    if (auto colon = s.find(':'); colon != std::string::npos) {
      stop_instead = s.substr(colon + 1) == "stop";
      s.resize(colon);
    }
    if (auto at = s.find('@'); at != std::string::npos) {
      wanted_hit = std::strtol(s.c_str() + at + 1, nullptr, 10);
      s.resize(at);
    }
    Wanted() = s;
  }
  if (log_path != nullptr || !Wanted().empty()) failpoint_hook = Hook;
}

}  // namespace gcatrust
