// libhivex calls: hivex(3). Strings in a hive are UTF-16LE; hivex_value_string converts them to
// UTF-8 for reading, and REG_SZ data is written here as UTF-16LE with its terminating NUL, as
// Windows stores it (RegSetValueExW counts the terminator in cbData).
#include "platform/policy_registry_hivex.h"

#include <fcntl.h>
#include <hivex.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include "platform/machine_registry.h"

namespace gcatrust {

namespace {

namespace fs = std::filesystem;

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, FreeDeleter>;

std::vector<std::string> SplitKey(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find('\\', start);
    if (end == std::string::npos) end = key.size();
    if (end > start) parts.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

/// UTF-8 to UTF-16LE bytes with a terminating NUL (invalid bytes become U+FFFD).
std::string Utf16Le(const std::string& utf8) {
  std::string out;
  auto put = [&](unsigned unit) {
    out.push_back(static_cast<char>(unit & 0xff));
    out.push_back(static_cast<char>(unit >> 8));
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    unsigned cp = 0xfffd;
    std::size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 6 && i + 1 < utf8.size()) {
      cp = ((c & 0x1f) << 6) | (utf8[i + 1] & 0x3f);
      n = 2;
    } else if ((c >> 4) == 14 && i + 2 < utf8.size()) {
      cp = ((c & 0x0f) << 12) | ((utf8[i + 1] & 0x3f) << 6) | (utf8[i + 2] & 0x3f);
      n = 3;
    } else if ((c >> 3) == 30 && i + 3 < utf8.size()) {
      cp = ((c & 0x07) << 18) | ((utf8[i + 1] & 0x3f) << 12) | ((utf8[i + 2] & 0x3f) << 6) |
           (utf8[i + 3] & 0x3f);
      n = 4;
    }
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xd800 + (cp >> 10));
      put(0xdc00 + (cp & 0x3ff));
    } else {
      put(cp);
    }
  }
  put(0);
  return out;
}

Status Errno(const std::string& what, int err) {
  return Status::Error(
      what + ": " + std::strerror(err),
      err == EACCES || err == EPERM || err == EROFS ? ErrorKind::kNeedsAdmin : ErrorKind::kFailed);
}

/// Copies src to dst and flushes it (the backup must be on disk before the hive is replaced).
Status CopyDurably(const fs::path& src, const fs::path& dst) {
  std::error_code ec;
  fs::copy_file(src, dst, fs::copy_options::overwrite_existing, ec);
  if (ec) return Status::Error("cannot back up " + src.u8string() + ": " + ec.message());
  const int fd = ::open(dst.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    return Errno("cannot flush " + dst.u8string(), err);
  }
  ::close(fd);
  return Status::Ok();
}

class HiveRegistry : public PolicyRegistry {
 public:
  HiveRegistry(hive_h* h, fs::path file, bool writable)
      : h_(h), file_(std::move(file)), writable_(writable) {}
  ~HiveRegistry() override { hivex_close(h_); }

  std::string Describe() const override { return file_.u8string(); }

  bool KeyExists(const std::string& key) const override { return Node(key) != 0; }

  Result<std::vector<RegistryValue>> ListValues(const std::string& key) const override {
    const hive_node_h node = Node(key);
    if (node == 0) return Status::Error("no key " + key, ErrorKind::kNotFound);
    Owned<hive_value_h> values(hivex_node_values(h_, node));
    if (!values) return Errno("cannot read the values of " + key, errno);
    std::vector<RegistryValue> out;
    for (hive_value_h* v = values.get(); *v != 0; ++v) {
      Owned<char> name(hivex_value_key(h_, *v));
      hive_type type;
      std::size_t len = 0;
      if (!name || hivex_value_type(h_, *v, &type, &len) != 0) {
        return Errno("cannot read a value of " + key, errno);
      }
      RegistryValue value{name.get(), RegistryValueType::kOther, {}};
      if (type == hive_t_REG_SZ || type == hive_t_REG_EXPAND_SZ) {
        Owned<char> text(hivex_value_string(h_, *v));
        if (!text) return Errno("cannot read value " + value.name + " of " + key, errno);
        value.type =
            type == hive_t_REG_SZ ? RegistryValueType::kString : RegistryValueType::kExpandString;
        value.data = text.get();
      }
      out.push_back(std::move(value));
    }
    return out;
  }

  Result<std::vector<std::string>> ListSubkeys(const std::string& key) const override {
    const hive_node_h node = Node(key);
    if (node == 0) return Status::Error("no key " + key, ErrorKind::kNotFound);
    Owned<hive_node_h> children(hivex_node_children(h_, node));
    if (!children) return Errno("cannot read the subkeys of " + key, errno);
    std::vector<std::string> out;
    for (hive_node_h* c = children.get(); *c != 0; ++c) {
      Owned<char> name(hivex_node_name(h_, *c));
      if (!name) return Errno("cannot read a subkey of " + key, errno);
      out.emplace_back(name.get());
    }
    return out;
  }

  bool IsWritable() const override { return writable_; }

  Status CreateKey(const std::string& key) override {
    if (Status s = CheckWritable(); !s.ok()) return s;
    hive_node_h node = hivex_root(h_);
    for (const std::string& part : SplitKey(key)) {
      errno = 0;
      hive_node_h child = hivex_node_get_child(h_, node, part.c_str());
      if (child == 0 && errno != 0) return Errno("cannot read key " + part, errno);
      if (child == 0) child = hivex_node_add_child(h_, node, part.c_str());
      if (child == 0) return Errno("cannot create key " + key, errno);
      node = child;
    }
    return Status::Ok();
  }

  Status SetStringValue(const std::string& key, const std::string& name,
                        const std::string& data) override {
    if (Status s = CheckWritable(); !s.ok()) return s;
    const hive_node_h node = Node(key);
    if (node == 0) return Status::Error("no key " + key);
    std::string bytes = Utf16Le(data);
    std::string value_name = name;
    hive_set_value value{value_name.data(), hive_t_REG_SZ, bytes.size(), bytes.data()};
    if (hivex_node_set_value(h_, node, &value, 0) != 0) {
      return Errno("cannot set " + name + " in " + key, errno);
    }
    return Status::Ok();
  }

  Status DeleteValue(const std::string& key, const std::string& name) override {
    if (Status s = CheckWritable(); !s.ok()) return s;
    const hive_node_h node = Node(key);
    if (node == 0) return Status::Error("no key " + key);
    // hivex has no "delete one value": set the node's values to all the others, byte for byte.
    Owned<hive_value_h> values(hivex_node_values(h_, node));
    if (!values) return Errno("cannot read the values of " + key, errno);
    std::vector<Owned<char>> keep_names, keep_data;
    std::vector<hive_set_value> keep;
    bool found = false;
    for (hive_value_h* v = values.get(); *v != 0; ++v) {
      Owned<char> value_name(hivex_value_key(h_, *v));
      if (!value_name) return Errno("cannot read a value of " + key, errno);
      if (!found && value_name.get() == name) {
        found = true;
        continue;
      }
      hive_type type;
      std::size_t len = 0;
      Owned<char> data(hivex_value_value(h_, *v, &type, &len));
      if (!data) return Errno("cannot read value " + std::string(value_name.get()), errno);
      keep.push_back({value_name.get(), type, len, data.get()});
      keep_names.push_back(std::move(value_name));
      keep_data.push_back(std::move(data));
    }
    if (!found) return Status::Error("no value " + name + " in " + key);
    if (hivex_node_set_values(h_, node, keep.size(), keep.data(), 0) != 0) {
      return Errno("cannot remove " + name + " from " + key, errno);
    }
    return Status::Ok();
  }

  Status DeleteEmptyKey(const std::string& key) override {
    if (Status s = CheckWritable(); !s.ok()) return s;
    const hive_node_h node = Node(key);
    if (node == 0) return Status::Error("no key " + key);
    if (hivex_node_nr_values(h_, node) != 0 || hivex_node_nr_children(h_, node) != 0) {
      return Status::Error("key is not empty: " + key);
    }
    if (hivex_node_delete_child(h_, node) != 0) return Errno("cannot delete " + key, errno);
    return Status::Ok();
  }

  Status Commit() override {
    if (Status s = CheckWritable(); !s.ok()) return s;
    struct stat st;
    if (::stat(file_.c_str(), &st) != 0) return Errno("cannot read " + file_.u8string(), errno);
    if (Status s = CopyDurably(file_, file_.u8string() + ".gcatrust-backup"); !s.ok()) return s;

    const fs::path temp = file_.u8string() + ".gcatrust-new";
    if (hivex_commit(h_, temp.c_str(), 0) != 0) {
      const int err = errno;
      ::unlink(temp.c_str());
      return Errno("cannot write " + temp.u8string(), err);
    }
    const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    int err = 0;
    if (fd < 0) {
      err = errno;
    } else {
      // The new hive takes the old one's mode and owner (fchown fails harmlessly when not root
      // and the owner is already ours).
      if (::fchmod(fd, st.st_mode & 07777) != 0) err = errno;
      if (err == 0 && (st.st_uid != ::geteuid() || st.st_gid != ::getegid()) &&
          ::fchown(fd, st.st_uid, st.st_gid) != 0) {
        err = errno;
      }
      if (err == 0 && ::fsync(fd) != 0) err = errno;
      ::close(fd);
    }
    if (err == 0 && ::rename(temp.c_str(), file_.c_str()) != 0) err = errno;
    if (err != 0) {
      ::unlink(temp.c_str());
      return Errno("cannot replace " + file_.u8string(), err);
    }
    const int dir = ::open(file_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
    return Status::Ok();
  }

 private:
  Status CheckWritable() const {
    if (writable_) return Status::Ok();
    return Status::Error(file_.u8string() + " is not writable: administrator rights needed",
                         ErrorKind::kNeedsAdmin);
  }

  /// The node of key, 0 when it does not exist (hivex compares names case-insensitively, as
  /// Windows does).
  hive_node_h Node(const std::string& key) const {
    hive_node_h node = hivex_root(h_);
    for (const std::string& part : SplitKey(key)) {
      node = hivex_node_get_child(h_, node, part.c_str());
      if (node == 0) return 0;
    }
    return node;
  }

  hive_h* h_;
  fs::path file_;
  bool writable_;
};

/// The path with each component matched case-insensitively when the exact name is missing:
/// Windows does not care about case, a Linux mount of NTFS may.
fs::path FindIgnoringCase(const fs::path& root, const fs::path& relative) {
  fs::path current = root;
  for (const fs::path& part : relative) {
    fs::path exact = current / part;
    std::error_code ec;
    if (!fs::exists(exact, ec)) {
      for (const auto& entry : fs::directory_iterator(current, ec)) {
        if (strcasecmp(entry.path().filename().c_str(), part.c_str()) == 0) {
          exact = entry.path();
          break;
        }
      }
    }
    current = exact;
  }
  return current;
}

class HiveOpener : public PolicyRegistryOpener {
 public:
  Result<std::unique_ptr<PolicyRegistry>> OpenMachine(const SystemRoot& root) override {
    if (root.is_running_system()) {
      return Status::Error("this system has no Windows registry", ErrorKind::kNotFound);
    }
    const fs::path hive = FindIgnoringCase(root.image_root(), kSoftwareHive.relative_path());
    std::error_code ec;
    if (!fs::is_regular_file(hive, ec)) {
      return Status::Error("no registry hive " + hive.u8string(), ErrorKind::kNotFound);
    }
    return OpenHiveRegistry(hive);
  }
};

}  // namespace

Result<std::unique_ptr<PolicyRegistry>> OpenHiveRegistry(const fs::path& hive_file) {
  const bool writable = ::access(hive_file.c_str(), W_OK) == 0 &&
                        ::access(hive_file.parent_path().c_str(), W_OK | X_OK) == 0;
  hive_h* h = hivex_open(hive_file.c_str(), writable ? HIVEX_OPEN_WRITE : 0);
  if (h == nullptr) {
    return Status::Error("cannot open registry hive " + hive_file.u8string() + ": " +
                         std::strerror(errno));
  }
  return std::unique_ptr<PolicyRegistry>(std::make_unique<HiveRegistry>(h, hive_file, writable));
}

std::unique_ptr<PolicyRegistryOpener> NewMachineRegistryOpener() {
  return std::make_unique<HiveOpener>();
}

}  // namespace gcatrust
