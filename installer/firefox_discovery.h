// Finds the Firefox (and Thunderbird) installations of a system: the platform's fixed
// locations, folders of tarballs (/opt), and any firefox or thunderbird on PATH (running system
// only: an image's PATH is unknown). Both are Mozilla applications laid out the same way, with
// the same policies engine and profiles; `app` says which one an installation is.
#ifndef GCATRUST_INSTALLER_FIREFOX_DISCOVERY_H_
#define GCATRUST_INSTALLER_FIREFOX_DISCOVERY_H_

#include <filesystem>
#include <optional>
#include <vector>

#include "installer/browser.h"
#include "installer/environment.h"
#include "installer/file_system.h"
#include "installer/system_root.h"

namespace gcatrust {

struct FirefoxInstallation {
  std::filesystem::path dir;  ///< system path of the folder holding application.ini
  InstallKind kind;
  Browser app = Browser::kFirefox;  ///< kFirefox or kThunderbird
};

/// True if dir (a host path) looks like a Firefox installation: application.ini beside a
/// firefox, firefox-esr, firefox-bin or firefox.exe executable (the layout of Mozilla's tarball,
/// Debian's firefox-esr package, the snap's usr/lib/firefox and Windows' installer), or a macOS
/// Firefox.app (Contents/Resources/application.ini and Contents/MacOS/firefox).
bool IsFirefoxInstallation(const FileSystem& fs, const std::filesystem::path& host_dir);

/// Like IsFirefoxInstallation, for app: Thunderbird's has a thunderbird or thunderbird-bin
/// executable (Debian's /usr/lib/thunderbird, Mozilla's tarball).
bool IsInstallationOf(Browser app, const FileSystem& fs, const std::filesystem::path& host_dir);

/// The application installed in host_dir (Firefox first), if any.
std::optional<Browser> InstalledApp(const FileSystem& fs, const std::filesystem::path& host_dir);

/// Every Firefox installation found, each once (by resolved path), in a stable order.
std::vector<FirefoxInstallation> DiscoverFirefox(const FileSystem& fs, const Environment& env,
                                                 const SystemRoot& root);
/// The same over given candidates (another OS's layout in an image: no PATH look-up).
std::vector<FirefoxInstallation> DiscoverFirefoxAt(const FileSystem& fs,
                                                   const std::vector<InstallCandidate>& candidates,
                                                   const SystemRoot& root);

/// Every installation of the selected Mozilla applications (empty: all), Firefox's first.
std::vector<FirefoxInstallation> DiscoverInstallations(const FileSystem& fs, const Environment& env,
                                                       const SystemRoot& root,
                                                       const std::vector<Browser>& selected);

/// Human name of a kind ("package", "tarball", "snap", "flatpak", "PATH").
const char* InstallKindName(InstallKind kind);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_FIREFOX_DISCOVERY_H_
