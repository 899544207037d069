// The applications gcatrust makes trust the certificates, as --browser names them:
// - Firefox and Thunderbird: Mozilla applications with installations, enterprise policies
//   (policies.json) and per-user profiles, each holding its own NSS database;
// - Chromium (and Google Chrome) on Linux: no policies for certificates, one NSS database
//   shared by every Chromium of a user, ~/.pki/nssdb (shared_nss_db.h).
#ifndef GCATRUST_INSTALLER_BROWSER_H_
#define GCATRUST_INSTALLER_BROWSER_H_

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gcatrust {

enum class Browser { kFirefox, kThunderbird, kChromium };

/// Every browser, in the order reports list them.
inline constexpr Browser kAllBrowsers[] = {Browser::kFirefox, Browser::kThunderbird,
                                           Browser::kChromium};

/// "firefox", "thunderbird", "chromium": the --browser names, also used in --json output.
inline const char* BrowserName(Browser browser) {
  switch (browser) {
    case Browser::kFirefox:
      return "firefox";
    case Browser::kThunderbird:
      return "thunderbird";
    case Browser::kChromium:
      return "chromium";
  }
  return "?";
}

/// The name people know it by, in messages ("restart Thunderbird"); the same in every language.
inline const char* BrowserDisplayName(Browser browser) {
  switch (browser) {
    case Browser::kFirefox:
      return "Firefox";
    case Browser::kThunderbird:
      return "Thunderbird";
    case Browser::kChromium:
      return "Chromium";
  }
  return "?";
}

/// A --browser name (case-insensitive; "chrome" and "google-chrome" mean chromium: Chrome reads
/// the same ~/.pki/nssdb, it is Chromium's crypto/nss_util.cc).
inline std::optional<Browser> ParseBrowser(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "firefox") return Browser::kFirefox;
  if (lower == "thunderbird") return Browser::kThunderbird;
  if (lower == "chromium" || lower == "chrome" || lower == "google-chrome") {
    return Browser::kChromium;
  }
  return std::nullopt;
}

/// True if a run limited to `selected` (empty: every browser) covers `browser`.
inline bool BrowserSelected(const std::vector<Browser>& selected, Browser browser) {
  return selected.empty() || std::find(selected.begin(), selected.end(), browser) != selected.end();
}

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_BROWSER_H_
