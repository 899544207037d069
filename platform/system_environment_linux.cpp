// Linux: environment variables from the process, and the fixed places Linux Firefox packages
// install to. Only data lives here; which policies file each kind reads is decided in installer/.
#include "platform/system_environment.h"

#include <cstdlib>

namespace gcatrust {

std::optional<std::string> SystemEnvironment::GetVariable(const std::string& name) const {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::vector<InstallCandidate> SystemEnvironment::FirefoxInstallCandidates() const {
  // Order is the order reports list installations in, so it must not depend on the machine:
  // distribution packages first, then tarballs, then the sandboxed formats.
  // Sources: firefox-research.md §3.2 (Linux installations) and mkcert truststore_nss.go
  // (firefoxPaths: /usr/bin/firefox, -nightly, -developer-edition, /snap/firefox).
  return {
      // Ubuntu's and Mozilla's own .deb, Arch (firefox-research.md §3.2).
      {"/usr/lib/firefox", InstallKind::kPackage},
      // Debian's firefox-esr; its distribution/ is a link into /usr/share (firefox-facts.md).
      {"/usr/lib/firefox-esr", InstallKind::kPackage},
      // Fedora and openSUSE put 64-bit libraries in lib64 (firefox-research.md §3.2).
      {"/usr/lib64/firefox", InstallKind::kPackage},
      {"/usr/lib64/firefox-esr", InstallKind::kPackage},
      // The packages behind mkcert's /usr/bin/firefox-developer-edition and
      // /usr/bin/firefox-nightly (e.g. Arch's firefox-developer-edition, Mozilla's nightly .deb).
      {"/usr/lib/firefox-developer-edition", InstallKind::kPackage},
      {"/usr/lib/firefox-nightly", InstallKind::kPackage},
      // Mozilla's tarball unpacked by hand: /opt/firefox by convention, but any /opt/<name>
      // (and /opt/<name>/firefox) may hold one (firefox-research.md §3.2).
      {"/opt", InstallKind::kTarball, /*scan_children=*/true},
      // The other common place to unpack the tarball; /usr/local/lib holds many unrelated
      // libraries, so only its firefox folder is a candidate, not every child.
      {"/usr/local/lib/firefox", InstallKind::kTarball},
      // Snap: read-only squashfs; reads /etc/firefox/policies (firefox-research.md §2.4, §3.2;
      // mkcert checks /snap/firefox).
      {"/snap/firefox/current/usr/lib/firefox", InstallKind::kSnap},
      // Flatpak, system-wide installation (firefox-research.md §3.2); it reads policies from
      // the org.mozilla.firefox.systemconfig extension instead (§2.4).
      {"/var/lib/flatpak/app/org.mozilla.firefox/current/active/files/lib/firefox",
       InstallKind::kFlatpak},
  };
}

}  // namespace gcatrust
