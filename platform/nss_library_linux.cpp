#include "platform/nss_library.h"

namespace gcatrust {

// Linux builds of Firefox ship these beside the firefox executable (seen in /usr/lib/firefox-esr;
// browser/installer/package-manifest.in).
const char* NssLibraryFileName() { return "libnss3.so"; }
const char* NssSoftokenFileName() { return "libsoftokn3.so"; }
// libnss3-tools' certutil (installer/docs/facts.md §4.5).
const char* NssCertutilProgram() { return "certutil"; }

}  // namespace gcatrust
