// The few NSS functions gcatrust calls, looked up at run time in the libnss3 of the Firefox it
// works on: gcatrust never links NSS (it must use the NSS of the Firefox it works on), and the NSS
// that wrote a profile is the one that reads its trust records right (installer/docs/facts.md §4.5,
// §5.1).
//
// Each member is typed with decltype(&::Function) from the NSS headers, so a signature cannot
// drift from the library's. Only files in installer/nss include this header: the NSS include
// directories are private to gcatrust_nss.
#ifndef GCATRUST_INSTALLER_NSS_NSS_FUNCTIONS_H_
#define GCATRUST_INSTALLER_NSS_NSS_FUNCTIONS_H_

#include <cert.h>
#include <certdb.h>
#include <nss.h>
#include <pk11pub.h>
#include <prerror.h>
#include <secport.h>

#include <memory>
#include <string>

#include "installer/result.h"
#include "platform/dynamic_library.h"

namespace gcatrust {

// Members keep the C names so each call reads like the NSS documentation.
struct NssFunctions {
  std::shared_ptr<DynamicLibrary> library;  ///< keeps the functions below loaded

  decltype(&::NSS_GetVersion) NSS_GetVersion = nullptr;
  decltype(&::NSS_Initialize) NSS_Initialize = nullptr;
  decltype(&::NSS_IsInitialized) NSS_IsInitialized = nullptr;
  decltype(&::NSS_Shutdown) NSS_Shutdown = nullptr;

  decltype(&::PK11_GetInternalKeySlot) PK11_GetInternalKeySlot = nullptr;
  decltype(&::PK11_FreeSlot) PK11_FreeSlot = nullptr;
  decltype(&::PK11_NeedUserInit) PK11_NeedUserInit = nullptr;
  decltype(&::PK11_InitPin) PK11_InitPin = nullptr;
  decltype(&::PK11_NeedLogin) PK11_NeedLogin = nullptr;
  decltype(&::PK11_IsLoggedIn) PK11_IsLoggedIn = nullptr;
  decltype(&::PK11_CheckUserPassword) PK11_CheckUserPassword = nullptr;
  decltype(&::PK11_FindCertFromDERCertItem) PK11_FindCertFromDERCertItem = nullptr;
  decltype(&::PK11_ImportCert) PK11_ImportCert = nullptr;

  decltype(&::CERT_GetDefaultCertDB) CERT_GetDefaultCertDB = nullptr;
  decltype(&::CERT_NewTempCertificate) CERT_NewTempCertificate = nullptr;
  decltype(&::CERT_DecodeTrustString) CERT_DecodeTrustString = nullptr;
  decltype(&::CERT_ChangeCertTrust) CERT_ChangeCertTrust = nullptr;
  decltype(&::CERT_GetCertTrust) CERT_GetCertTrust = nullptr;
  decltype(&::CERT_DestroyCertificate) CERT_DestroyCertificate = nullptr;
  decltype(&::SEC_DeletePermCertificate) SEC_DeletePermCertificate = nullptr;

  // libnss3's own export (a wrapper around libnssutil3's PORT_GetError_Util).
  decltype(&::PORT_GetError) PORT_GetError = nullptr;
  // From NSPR (libnspr4, a dependency of libnss3). NSS registers its SEC_ERROR_* table with NSPR
  // during NSS_Initialize, after which these name NSS's codes too.
  decltype(&::PR_ErrorToName) PR_ErrorToName = nullptr;
  decltype(&::PR_ErrorToString) PR_ErrorToString = nullptr;
};

/// Loads library (NssLibraryFileName(), searched the platform's way, or an absolute path) and binds
/// every function above. Fails with dlerror's text, or with the names of the symbols the library
/// lacks.
Result<NssFunctions> LoadNssFunctions(const std::string& library);

/// The last NSS/NSPR error as "SEC_ERROR_BAD_DATABASE: <NSS's own text>" (or the number when
/// the code has no name).
std::string LastNssError(const NssFunctions& nss);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_NSS_NSS_FUNCTIONS_H_
