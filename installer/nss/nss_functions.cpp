#include "installer/nss/nss_functions.h"

#include <string>
#include <vector>

namespace gcatrust {
namespace {

// Binds one symbol; records its name when the library lacks it.
template <typename Function>
void Bind(const DynamicLibrary& library, const char* name, Function* function,
          std::vector<std::string>* missing) {
  *function = reinterpret_cast<Function>(library.Symbol(name));
  if (*function == nullptr) missing->push_back(name);
}

}  // namespace

Result<NssFunctions> LoadNssFunctions(const std::string& library) {
  Result<std::shared_ptr<DynamicLibrary>> opened = DynamicLibrary::Open(library);
  if (!opened.ok()) return opened.status();

  NssFunctions nss;
  nss.library = opened.value();
  const DynamicLibrary& lib = *nss.library;
  std::vector<std::string> missing;
#define GCATRUST_BIND_NSS(function) Bind(lib, #function, &nss.function, &missing)
  GCATRUST_BIND_NSS(NSS_GetVersion);
  GCATRUST_BIND_NSS(NSS_Initialize);
  GCATRUST_BIND_NSS(NSS_IsInitialized);
  GCATRUST_BIND_NSS(NSS_Shutdown);
  GCATRUST_BIND_NSS(PK11_GetInternalKeySlot);
  GCATRUST_BIND_NSS(PK11_FreeSlot);
  GCATRUST_BIND_NSS(PK11_NeedUserInit);
  GCATRUST_BIND_NSS(PK11_InitPin);
  GCATRUST_BIND_NSS(PK11_NeedLogin);
  GCATRUST_BIND_NSS(PK11_IsLoggedIn);
  GCATRUST_BIND_NSS(PK11_CheckUserPassword);
  GCATRUST_BIND_NSS(PK11_FindCertFromDERCertItem);
  GCATRUST_BIND_NSS(PK11_ImportCert);
  GCATRUST_BIND_NSS(CERT_GetDefaultCertDB);
  GCATRUST_BIND_NSS(CERT_NewTempCertificate);
  GCATRUST_BIND_NSS(CERT_DecodeTrustString);
  GCATRUST_BIND_NSS(CERT_ChangeCertTrust);
  GCATRUST_BIND_NSS(CERT_GetCertTrust);
  GCATRUST_BIND_NSS(CERT_DestroyCertificate);
  GCATRUST_BIND_NSS(SEC_DeletePermCertificate);
  GCATRUST_BIND_NSS(PORT_GetError);
  GCATRUST_BIND_NSS(PR_ErrorToName);
  GCATRUST_BIND_NSS(PR_ErrorToString);
#undef GCATRUST_BIND_NSS

  if (!missing.empty()) {
    std::string names;
    for (const std::string& name : missing) names += (names.empty() ? "" : ", ") + name;
    return Status::Error(library + " lacks " + names, ErrorKind::kNotFound);
  }
  return nss;
}

std::string LastNssError(const NssFunctions& nss) {
  const int code = nss.PORT_GetError();
  if (code == 0) return "no NSS error code";
  const char* name = nss.PR_ErrorToName(code);
  // PRLanguageCode language: PR_LANGUAGE_I_DEFAULT (0), the built-in English text.
  const char* text = nss.PR_ErrorToString(code, PR_LANGUAGE_I_DEFAULT);
  std::string out = name ? name : "NSS error " + std::to_string(code);
  if (text != nullptr && *text != '\0') out += std::string(": ") + text;
  return out;
}

}  // namespace gcatrust
