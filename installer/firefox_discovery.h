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
/// firefox, firefox-esr or firefox-bin executable (the layout of Mozilla's tarball, Debian's
/// firefox-esr package and the snap's usr/lib/firefox).
bool IsFirefoxInstallation(const FileSystem& fs, const std::filesystem::path& host_dir);

/// Every installation found, each once (by resolved path), in a stable order.
std::vector<FirefoxInstallation> DiscoverFirefox(const FileSystem& fs, const Environment& env,
                                                 const SystemRoot& root);

/// Human name of a kind ("package", "tarball", "snap", "flatpak", "PATH").
const char* InstallKindName(InstallKind kind);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_FIREFOX_DISCOVERY_H_
