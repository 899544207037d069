// File name of NSS's main library on this OS, to look for it inside a Firefox installation.
#ifndef GCATRUST_PLATFORM_NSS_LIBRARY_H_
#define GCATRUST_PLATFORM_NSS_LIBRARY_H_

namespace gcatrust {

/// "libnss3.so" (Linux), "nss3.dll" (Windows), "libnss3.dylib" (macOS).
const char* NssLibraryFileName();
/// The softoken that writes the database; a Firefox folder holding both has a complete NSS
/// (Linux Firefox ships it; on Windows and macOS it is folded into nss3;
/// browser/installer/package-manifest.in; installer/docs/facts.md §5.2).
const char* NssSoftokenFileName();
/// NSS's certutil (the last-resort NSS method), looked up on PATH; nullptr where the name means
/// another program (Windows' own certutil.exe).
const char* NssCertutilProgram();

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_NSS_LIBRARY_H_
