// Finds the Firefox installations of a system: the platform's fixed locations, folders of
// tarballs (/opt), and any firefox on PATH (running system only: an image's PATH is unknown).
#ifndef GCATRUST_INSTALLER_FIREFOX_DISCOVERY_H_
#define GCATRUST_INSTALLER_FIREFOX_DISCOVERY_H_

#include <filesystem>
#include <vector>

#include "installer/environment.h"
#include "installer/file_system.h"
#include "installer/system_root.h"

namespace gcatrust {

struct FirefoxInstallation {
  std::filesystem::path dir;  ///< system path of the folder holding application.ini
  InstallKind kind;
};

/// True if dir (a host path) looks like a Firefox installation: application.ini beside a
/// firefox, firefox-esr, firefox-bin or firefox.exe executable (the layout of Mozilla's tarball,
/// Debian's firefox-esr package, the snap's usr/lib/firefox and Windows' installer), or a macOS
/// Firefox.app (Contents/Resources/application.ini and Contents/MacOS/firefox).
bool IsFirefoxInstallation(const FileSystem& fs, const std::filesystem::path& host_dir);

/// Every installation found, each once (by resolved path), in a stable order.
std::vector<FirefoxInstallation> DiscoverFirefox(const FileSystem& fs, const Environment& env,
                                                 const SystemRoot& root);
/// The same over given candidates (another OS's layout in an image: no PATH look-up).
std::vector<FirefoxInstallation> DiscoverFirefoxAt(const FileSystem& fs,
                                                   const std::vector<InstallCandidate>& candidates,
                                                   const SystemRoot& root);

/// Human name of a kind ("package", "tarball", "snap", "flatpak", "PATH").
const char* InstallKindName(InstallKind kind);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_FIREFOX_DISCOVERY_H_
