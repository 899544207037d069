// PolicyRegistry on the live Windows registry: HKEY_LOCAL_MACHINE\SOFTWARE, always in the 64-bit
// view (KEY_WOW64_64KEY), where 64-bit Firefox reads its policies (WindowsGPOParser.sys.mjs
// opens HKLM\SOFTWARE\Policies through nsIWindowsRegKey). Without administrator rights every
// write fails with ERROR_ACCESS_DENIED, reported as ErrorKind::kNeedsAdmin.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <string>
#include <vector>

#include "platform/machine_registry.h"

namespace gcatrust {

namespace {

const REGSAM kView = KEY_WOW64_64KEY;

std::wstring Wide(const std::string& utf8) {
  if (utf8.empty()) return {};
  const int n =
      MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
  return out;
}

std::string Utf8(const wchar_t* text, std::size_t length) {
  if (length == 0) return {};
  const int n =
      WideCharToMultiByte(CP_UTF8, 0, text, static_cast<int>(length), nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text, static_cast<int>(length), out.data(), n, nullptr, nullptr);
  return out;
}

std::wstring FullKey(const std::string& key) { return L"SOFTWARE\\" + Wide(key); }

Status Failure(const std::string& what, LSTATUS code) {
  return Status::Error(what + " (Windows error " + std::to_string(code) + ")",
                       code == ERROR_ACCESS_DENIED    ? ErrorKind::kNeedsAdmin
                       : code == ERROR_FILE_NOT_FOUND ? ErrorKind::kNotFound
                                                      : ErrorKind::kFailed);
}

/// An open HKEY that closes itself.
class Key {
 public:
  Key() = default;
  ~Key() {
    if (h_ != nullptr) RegCloseKey(h_);
  }
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;
  HKEY* out() { return &h_; }
  HKEY get() const { return h_; }

 private:
  HKEY h_ = nullptr;
};

LSTATUS Open(const std::string& key, REGSAM access, Key& out) {
  return RegOpenKeyExW(HKEY_LOCAL_MACHINE, FullKey(key).c_str(), 0, access | kView, out.out());
}

class LiveRegistry : public PolicyRegistry {
 public:
  std::string Describe() const override { return "HKLM\\SOFTWARE"; }

  bool KeyExists(const std::string& key) const override {
    Key k;
    return Open(key, KEY_READ, k) == ERROR_SUCCESS;
  }

  Result<std::vector<RegistryValue>> ListValues(const std::string& key) const override {
    Key k;
    if (LSTATUS rc = Open(key, KEY_QUERY_VALUE, k); rc != ERROR_SUCCESS) {
      return Failure("cannot open " + key, rc);
    }
    std::vector<RegistryValue> out;
    for (DWORD i = 0;; ++i) {
      std::vector<wchar_t> name(16384);  // the longest value name is 16,383 characters
      std::vector<BYTE> data(4096);
      DWORD name_len = static_cast<DWORD>(name.size());
      DWORD data_len = static_cast<DWORD>(data.size());
      DWORD type = 0;
      LSTATUS rc =
          RegEnumValueW(k.get(), i, name.data(), &name_len, nullptr, &type, data.data(), &data_len);
      if (rc == ERROR_MORE_DATA) {
        data.resize(data_len);
        name_len = static_cast<DWORD>(name.size());
        rc = RegEnumValueW(k.get(), i, name.data(), &name_len, nullptr, &type, data.data(),
                           &data_len);
      }
      if (rc == ERROR_NO_MORE_ITEMS) break;
      if (rc != ERROR_SUCCESS) return Failure("cannot read the values of " + key, rc);
      RegistryValue value{Utf8(name.data(), name_len), RegistryValueType::kOther, {}};
      if (type == REG_SZ || type == REG_EXPAND_SZ) {
        value.type = type == REG_SZ ? RegistryValueType::kString : RegistryValueType::kExpandString;
        std::size_t chars = data_len / sizeof(wchar_t);
        const auto* text = reinterpret_cast<const wchar_t*>(data.data());
        while (chars > 0 && text[chars - 1] == L'\0') --chars;  // the stored terminator(s)
        value.data = Utf8(text, chars);
      }
      out.push_back(std::move(value));
    }
    return out;
  }

  Result<std::vector<std::string>> ListSubkeys(const std::string& key) const override {
    Key k;
    if (LSTATUS rc = Open(key, KEY_ENUMERATE_SUB_KEYS, k); rc != ERROR_SUCCESS) {
      return Failure("cannot open " + key, rc);
    }
    std::vector<std::string> out;
    for (DWORD i = 0;; ++i) {
      wchar_t name[256];  // the longest key name is 255 characters
      DWORD len = 256;
      LSTATUS rc = RegEnumKeyExW(k.get(), i, name, &len, nullptr, nullptr, nullptr, nullptr);
      if (rc == ERROR_NO_MORE_ITEMS) break;
      if (rc != ERROR_SUCCESS) return Failure("cannot read the subkeys of " + key, rc);
      out.push_back(Utf8(name, len));
    }
    return out;
  }

  bool IsWritable() const override {
    // Opening the policies key for creating subkeys and setting values is exactly what an
    // install needs; a non-elevated process gets ERROR_ACCESS_DENIED here.
    Key k;
    return RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Policies", 0, nullptr,
                           REG_OPTION_NON_VOLATILE, KEY_CREATE_SUB_KEY | KEY_SET_VALUE | kView,
                           nullptr, k.out(), nullptr) == ERROR_SUCCESS;
  }

  Status CreateKey(const std::string& key) override {
    Key k;
    LSTATUS rc =
        RegCreateKeyExW(HKEY_LOCAL_MACHINE, FullKey(key).c_str(), 0, nullptr,
                        REG_OPTION_NON_VOLATILE, KEY_WRITE | kView, nullptr, k.out(), nullptr);
    return rc == ERROR_SUCCESS ? Status::Ok() : Failure("cannot create " + key, rc);
  }

  Status SetStringValue(const std::string& key, const std::string& name,
                        const std::string& data) override {
    Key k;
    if (LSTATUS rc = Open(key, KEY_SET_VALUE, k); rc != ERROR_SUCCESS) {
      return Failure("cannot open " + key, rc);
    }
    const std::wstring text = Wide(data);
    // cbData counts the terminating NUL (RegSetValueExW docs).
    const DWORD bytes = static_cast<DWORD>((text.size() + 1) * sizeof(wchar_t));
    LSTATUS rc = RegSetValueExW(k.get(), Wide(name).c_str(), 0, REG_SZ,
                                reinterpret_cast<const BYTE*>(text.c_str()), bytes);
    return rc == ERROR_SUCCESS ? Status::Ok() : Failure("cannot set " + name + " in " + key, rc);
  }

  Status DeleteValue(const std::string& key, const std::string& name) override {
    Key k;
    if (LSTATUS rc = Open(key, KEY_SET_VALUE, k); rc != ERROR_SUCCESS) {
      return Failure("cannot open " + key, rc);
    }
    LSTATUS rc = RegDeleteValueW(k.get(), Wide(name).c_str());
    return rc == ERROR_SUCCESS ? Status::Ok()
                               : Failure("cannot remove " + name + " from " + key, rc);
  }

  Status DeleteEmptyKey(const std::string& key) override {
    auto values = ListValues(key);
    auto subkeys = ListSubkeys(key);
    if (!values.ok()) return values.status();
    if (!subkeys.ok()) return subkeys.status();
    if (!values.value().empty() || !subkeys.value().empty()) {
      return Status::Error("key is not empty: " + key);
    }
    LSTATUS rc = RegDeleteKeyExW(HKEY_LOCAL_MACHINE, FullKey(key).c_str(), kView, 0);
    return rc == ERROR_SUCCESS ? Status::Ok() : Failure("cannot delete " + key, rc);
  }

  Status Commit() override {
    // The registry writes through; RegFlushKey only forces it to disk now.
    Key k;
    if (Open("Policies", KEY_READ, k) == ERROR_SUCCESS) RegFlushKey(k.get());
    return Status::Ok();
  }
};

class LiveOpener : public PolicyRegistryOpener {
 public:
  Result<std::unique_ptr<PolicyRegistry>> OpenMachine(const SystemRoot& root) override {
    if (!root.is_running_system()) {
      // libhivex has no Windows build in Debian: offline hives are edited from Linux.
      return Status::Error("editing the registry of a mounted image needs the Linux build",
                           ErrorKind::kNotFound);
    }
    return std::unique_ptr<PolicyRegistry>(std::make_unique<LiveRegistry>());
  }
};

}  // namespace

std::unique_ptr<PolicyRegistryOpener> NewMachineRegistryOpener() {
  return std::make_unique<LiveOpener>();
}

}  // namespace gcatrust
