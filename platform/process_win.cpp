// Windows child processes: CreateProcessW with a UTF-16 command line quoted so that the child's
// CommandLineToArgvW (and the C runtime's argv parser, which follows the same rules) gives back
// exactly spec.argv, and three pipes for stdin/stdout/stderr. Running as another account is not
// offered on Windows (file_owner_win.cpp explains why gcatrust never needs it there).
#include "platform/process.h"

#include <windows.h>

#include <mutex>
#include <thread>

#include "platform/utf16_win.h"

namespace gcatrust {
namespace {

// Rules of CommandLineToArgvW ("Parsing C++ command-line arguments", Microsoft docs): inside
// quotes, 2n backslashes before a quote are n backslashes and the quote ends the argument's
// quoting; 2n+1 backslashes before a quote are n backslashes and a literal quote; backslashes not
// before a quote are literal.
void AppendQuoted(const std::wstring& arg, std::wstring& line) {
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
    line += arg;
    return;
  }
  line += L'"';
  for (size_t i = 0;; ++i) {
    size_t backslashes = 0;
    while (i < arg.size() && arg[i] == L'\\') {
      ++backslashes;
      ++i;
    }
    if (i == arg.size()) {
      line.append(backslashes * 2, L'\\');  // the closing quote must stay a quote
      break;
    }
    if (arg[i] == L'"') {
      line.append(backslashes * 2 + 1, L'\\');
    } else {
      line.append(backslashes, L'\\');
    }
    line += arg[i];
  }
  line += L'"';
}

// The parent's environment with spec.env set on top; names compare case-insensitively on Windows.
std::wstring EnvironmentBlock(const std::map<std::string, std::string>& overrides) {
  std::map<std::wstring, std::wstring> wide_overrides;
  for (const auto& [key, value] : overrides) {
    wide_overrides[WideFromUtf8(key)] = WideFromUtf8(value);
  }
  auto overridden = [&](const std::wstring& name) {
    for (const auto& entry : wide_overrides) {
      if (CompareStringOrdinal(entry.first.c_str(), -1, name.c_str(), -1, TRUE) == CSTR_EQUAL) {
        return true;
      }
    }
    return false;
  };
  std::wstring block;
  if (wchar_t* current = GetEnvironmentStringsW()) {
    for (const wchar_t* e = current; *e != L'\0'; e += wcslen(e) + 1) {
      const std::wstring entry = e;
      // Entries like "=C:=C:\dir" (per-drive directories) start with '='; keep them as they are.
      const size_t equals = entry.find(L'=', 1);
      if (!overridden(entry.substr(0, equals))) block += entry + L'\0';
    }
    FreeEnvironmentStringsW(current);
  }
  for (const auto& [key, value] : wide_overrides) block += key + L'=' + value + L'\0';
  block += L'\0';
  return block;
}

// Owns a handle; closes it once.
class Handle {
 public:
  Handle() = default;
  ~Handle() { Close(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  HANDLE* out() { return &handle_; }
  HANDLE get() const { return handle_; }
  void Close() {
    if (handle_ != nullptr && handle_ != INVALID_HANDLE_VALUE) CloseHandle(handle_);
    handle_ = nullptr;
  }

 private:
  HANDLE handle_ = nullptr;
};

void ReadAll(HANDLE pipe, std::string& out) {
  char buffer[65536];
  DWORD got = 0;
  while (ReadFile(pipe, buffer, sizeof buffer, &got, nullptr) && got > 0) out.append(buffer, got);
}

// A child inherits every inheritable handle that exists while CreateProcessW runs. Several
// threads start NSS workers at once, so a pipe end of one worker must not leak into another
// (its reader would then never see end-of-file): the child's ends are inheritable only inside
// this lock, from their creation until the child has its copies.
std::mutex inheritance_lock;

}  // namespace

Result<ProcessResult> RunProcess(const ProcessSpec& spec) {
  if (spec.argv.empty()) return Status::Error("no program to run");
  if (spec.uid) {
    return Status::Error("running a program as another user is not supported on Windows");
  }
  std::wstring command_line;
  for (const std::string& arg : spec.argv) {
    if (!command_line.empty()) command_line += L' ';
    AppendQuoted(WideFromUtf8(arg), command_line);
  }
  std::wstring environment = EnvironmentBlock(spec.env);

  Handle in_read, in_write, out_read, out_write, err_read, err_write;
  PROCESS_INFORMATION info{};
  {
    std::lock_guard<std::mutex> lock(inheritance_lock);
    SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
    if (!CreatePipe(in_read.out(), in_write.out(), &inherit, 0) ||
        !CreatePipe(out_read.out(), out_write.out(), &inherit, 0) ||
        !CreatePipe(err_read.out(), err_write.out(), &inherit, 0)) {
      return Status::Error("cannot create a pipe: " + WindowsErrorText(GetLastError()));
    }
    // Our ends stay ours.
    SetHandleInformation(in_write.get(), HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(out_read.get(), HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(err_read.get(), HANDLE_FLAG_INHERIT, 0);

    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = in_read.get();
    startup.hStdOutput = out_write.get();
    startup.hStdError = err_write.get();
    // lpApplicationName null: a bare name is searched like cmd.exe does (the program's folder,
    // the current folder, the system folders, then PATH; CreateProcessW docs).
    if (!CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, TRUE,
                        CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW, environment.data(), nullptr,
                        &startup, &info)) {
      const DWORD error = GetLastError();
      return Status::Error("cannot start " + spec.argv[0] + ": " + WindowsErrorText(error),
                           error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND
                               ? ErrorKind::kNotFound
                               : ErrorKind::kFailed);
    }
    // The child has its copies; ours must go, or the readers below would never see the end.
    in_read.Close();
    out_write.Close();
    err_write.Close();
  }
  CloseHandle(info.hThread);

  ProcessResult result;
  // Drain stdout and stderr while stdin is written, so no side blocks on a full pipe.
  std::thread out_reader(ReadAll, out_read.get(), std::ref(result.stdout_data));
  std::thread err_reader(ReadAll, err_read.get(), std::ref(result.stderr_data));
  size_t written = 0;
  while (written < spec.stdin_data.size()) {
    DWORD wrote = 0;
    const DWORD chunk =
        static_cast<DWORD>(std::min<size_t>(spec.stdin_data.size() - written, 1 << 20));
    if (!WriteFile(in_write.get(), spec.stdin_data.data() + written, chunk, &wrote, nullptr)) {
      break;  // the child stopped reading (it exited); its exit code says why
    }
    written += wrote;
  }
  in_write.Close();
  out_reader.join();
  err_reader.join();
  WaitForSingleObject(info.hProcess, INFINITE);
  DWORD exit_code = 0;
  GetExitCodeProcess(info.hProcess, &exit_code);
  CloseHandle(info.hProcess);
  result.exit_code = static_cast<int>(exit_code);
  return result;
}

std::map<std::string, std::string> LibraryPathEnvironment(const std::filesystem::path&) {
  // Nothing to set: the worker loads nss3.dll by its full path with LOAD_WITH_ALTERED_SEARCH_PATH,
  // which finds the DLLs beside it (dynamic_library_win.cpp).
  return {};
}

std::filesystem::path SelfExecutablePath() {
  std::wstring path(MAX_PATH, L'\0');
  for (;;) {
    const DWORD length = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
    if (length == 0) return {};
    if (length < path.size()) {
      path.resize(length);
      return path;
    }
    path.resize(path.size() * 2);  // truncated: long paths (longPathAware) exceed MAX_PATH
  }
}

}  // namespace gcatrust
