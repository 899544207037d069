// A Firefox (or Thunderbird) profile found on the system, and the certificate database inside
// it. Chromium's shared database (~/.pki/nssdb) travels through the NSS method as one too, with
// app kChromium.
#ifndef GCATRUST_INSTALLER_PROFILES_FIREFOX_PROFILE_H_
#define GCATRUST_INSTALLER_PROFILES_FIREFOX_PROFILE_H_

#include <filesystem>
#include <optional>
#include <string>

#include "installer/browser.h"
#include "installer/user_account.h"

namespace gcatrust {

/// NSS database format: cert9.db/key4.db ("sql:", SQLite, NSS >= 3.12, Firefox >= 58) or the
/// legacy cert8.db/key3.db ("dbm:", Berkeley DB) (installer/docs/facts.md §3.6).
enum class NssDbFormat { kNone, kSql, kDbm };

struct FirefoxProfile {
  Browser app = Browser::kFirefox;      ///< whose profile (from the root it was found in)
  std::filesystem::path dir;            ///< system path of the profile folder
  std::string name;                     ///< from profiles.ini ("default-esr"), else the folder name
  NssDbFormat db = NssDbFormat::kNone;  ///< kNone: Firefox never started it (no DB yet)
  /// The installation that last ran the profile (compatibility.ini LastPlatformDir), if known.
  std::optional<std::filesystem::path> firefox_dir;
  UserAccount owner;                    ///< whose home the profile is in
  bool listed_in_profiles_ini = false;  ///< in profiles.ini or installs.ini
  /// Default=1 in its [Profile*] section, or the Default= of an [Install*] section.
  bool is_default = false;
  /// No database yet, and install creates one (Chromium's shared database, made the way
  /// Chromium makes it: shared_nss_db.h).
  bool create_db = false;
};

/// "sql:/path" or "dbm:/path" as NSS_Initialize takes it; empty for kNone.
inline std::string NssDatabaseSpec(NssDbFormat db, const std::filesystem::path& host_dir) {
  switch (db) {
    case NssDbFormat::kSql:
      return "sql:" + host_dir.u8string();
    case NssDbFormat::kDbm:
      return "dbm:" + host_dir.u8string();
    case NssDbFormat::kNone:
      break;
  }
  return {};
}

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PROFILES_FIREFOX_PROFILE_H_
