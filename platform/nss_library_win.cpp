#include "platform/nss_library.h"

namespace gcatrust {

// Windows Firefox ships nss3.dll (NSPR, nssutil, ssl, smime and sqlite folded in: MOZ_FOLD_LIBS)
// and the softoken softokn3.dll beside firefox.exe (browser/installer/package-manifest.in,
// moz.configure fold_libs; installer/docs/facts.md §5.2).
const char* NssLibraryFileName() { return "nss3.dll"; }
const char* NssSoftokenFileName() { return "softokn3.dll"; }
// Windows has a certutil.exe of its own (the certificate services tool) that shares nothing with
// NSS's but the name: never run it on a Firefox profile.
const char* NssCertutilProgram() { return nullptr; }

}  // namespace gcatrust
