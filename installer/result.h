// Errors as values: a Status (ok or a message) and a Result<T> (a value or a Status).
// Expected failures (a malformed file, a read-only directory) travel as these; only main
// turns them into an exit code. C++17 has no std::expected, so this stays deliberately small.
#ifndef GCATRUST_INSTALLER_RESULT_H_
#define GCATRUST_INSTALLER_RESULT_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gcatrust {

/// Why something failed, coarse enough to choose an exit code and a message.
enum class ErrorKind {
  kFailed,      ///< generic failure (I/O, malformed input)
  kNeedsAdmin,  ///< permission denied on a system location
  kNotFound,    ///< the thing looked for does not exist
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message, ErrorKind kind = ErrorKind::kFailed) {
    Status s;
    s.error_ = std::move(message);
    s.kind_ = kind;
    return s;
  }
  bool ok() const { return !error_.has_value(); }
  const std::string& message() const { return *error_; }
  ErrorKind kind() const { return kind_; }

 private:
  std::optional<std::string> error_;
  ErrorKind kind_ = ErrorKind::kFailed;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Status error) : v_(std::move(error)) {}  // NOLINT: must not be Ok
  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const Status& status() const { return std::get<Status>(v_); }
  const std::string& message() const { return status().message(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_RESULT_H_
