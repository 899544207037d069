// The NSS call sequence is the one certutil's AddCert and Firefox's nsNSSCertificateDB::AddCert
// use, and that was seen to make Firefox trust a CA (NSS cmd/certutil/certutil.c;
// security/manager/ssl/nsNSSCertificateDB.cpp; installer/docs/facts.md §4.1).
#include "installer/nss/nss_database.h"

#include <secerr.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "installer/nss/nss_functions.h"

namespace gcatrust {
namespace {

// Opened the way Firefox opens a profile (security/certverifier/NSSCertDBTrustDomain.cpp,
// InitializeNSS), plus NOMODDB:
// - NSS_INIT_NOROOTINIT: do not load the built-in roots module (libnssckbi); only the profile's
//   own database matters here.
// - NSS_INIT_OPTIMIZESPACE: smaller caches, as Firefox uses.
// - NSS_INIT_NOMODDB: do not read pkcs11.txt/secmod.db, so third-party PKCS#11 modules
//   registered there (smart-card and health-card middleware, common in Taiwan) are neither
//   loaded nor allowed to prompt or hang (nss.h; installer/docs/facts.md §4.3).
constexpr PRUint32 kOpenFlags = NSS_INIT_NOROOTINIT | NSS_INIT_OPTIMIZESPACE | NSS_INIT_NOMODDB;

// "C,,": trusted CA for TLS server authentication only; nothing for S/MIME or object signing.
// What mkcert and smallstep/truststore write (NSS lib/certdb/certdb.c, CERT_DecodeTrustString);
// enough for Firefox to trust a root or an intermediate (installer/docs/facts.md §4.4, §6).
constexpr char kTrust[] = "C,,";

// Uninstall deletes copies until none is found; a database holding more than this many copies
// of one certificate (one per token object) is not going to get better by trying again.
constexpr int kMaxCopies = 16;

Status NssError(const NssFunctions& nss, const std::string& what, const std::string& database) {
  return Status::Error(what + " " + database + ": " + LastNssError(nss));
}

// A SECItem over the DER bytes. NSS only reads them (CERT_NewTempCertificate copies them when
// asked, PK11_FindCertFromDERCertItem takes a const SECItem*); the const_cast is for C's sake.
SECItem DerItem(const std::string& der) {
  SECItem item;
  item.type = siBuffer;
  item.data = reinterpret_cast<unsigned char*>(const_cast<char*>(der.data()));
  item.len = static_cast<unsigned int>(der.size());
  return item;
}

// Owns a CERTCertificate reference. Every one must be released before NSS_Shutdown, or the
// shutdown fails with SEC_ERROR_BUSY and the database stays open.
class CertRef {
 public:
  CertRef(const NssFunctions& nss, CERTCertificate* cert) : nss_(nss), cert_(cert) {}
  ~CertRef() {
    if (cert_ != nullptr) nss_.CERT_DestroyCertificate(cert_);
  }
  CertRef(const CertRef&) = delete;
  CertRef& operator=(const CertRef&) = delete;
  CERTCertificate* get() const { return cert_; }
  explicit operator bool() const { return cert_ != nullptr; }

 private:
  const NssFunctions& nss_;
  CERTCertificate* cert_;
};

// What a database holds of one certificate.
struct CertLook {
  NssCertState state = NssCertState::kMissing;
  /// kMissing, yet a trust record for the certificate remains: an older NSS (certutil 3.87)
  /// deletes the certificate but not the trust record a newer one wrote, and re-adding the
  /// certificate then makes it trusted again (installer/docs/facts.md §4.5).
  bool orphan_trust = false;
};

// One NSS_Initialize .. NSS_Shutdown span on one database, with its internal key slot.
class Session {
 public:
  static Result<std::unique_ptr<Session>> Open(const NssFunctions& nss, const std::string& database,
                                               bool read_only) {
    // NSS_Initialize on an initialised NSS returns success without opening the new database
    // (nss/lib/nss/nssinit.c); the work would then land in the previous one.
    if (nss.NSS_IsInitialized()) {
      return Status::Error("NSS still holds the previous database open; not opening " + database);
    }
    // NSS_Initialize(
    //   const char* configdir: "sql:<dir>" or "dbm:<dir>", the profile's database
    //   const char* certPrefix: "" (cert9.db, no prefix)
    //   const char* keyPrefix: "" (key4.db, no prefix)
    //   const char* secmodName: SECMOD_DB ("secmod.db"; unread with NSS_INIT_NOMODDB)
    //   PRUint32 flags: kOpenFlags [| NSS_INIT_READONLY for status and read-back])
    const PRUint32 flags = kOpenFlags | (read_only ? NSS_INIT_READONLY : 0);
    if (nss.NSS_Initialize(database.c_str(), "", "", SECMOD_DB, flags) != SECSuccess) {
      return NssError(nss, "cannot open", database);
    }
    std::unique_ptr<Session> session(new Session(nss, database));
    // The internal key slot holds the profile's certificates, trust and password.
    session->slot_ = nss.PK11_GetInternalKeySlot();
    if (session->slot_ == nullptr) {
      Status error = NssError(nss, "no internal key slot in", database);
      session->Close();
      return error;
    }
    return session;
  }

  ~Session() { Close(); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Releases the slot and shuts NSS down. NSS_Shutdown fails (SEC_ERROR_BUSY) when a
  /// certificate or slot reference is still held; the database may then stay open.
  Status Close() {
    if (closed_) return Status::Ok();
    closed_ = true;
    if (slot_ != nullptr) nss_.PK11_FreeSlot(slot_);
    slot_ = nullptr;
    if (nss_.NSS_Shutdown() != SECSuccess) return NssError(nss_, "cannot close", database_);
    return Status::Ok();
  }

  const NssFunctions& nss() const { return nss_; }
  const std::string& database() const { return database_; }
  PK11SlotInfo* slot() const { return slot_; }

  /// The permanent copy of der in the database (temporary certificates are not found).
  CertRef FindPermanent(const std::string& der) const {
    SECItem item = DerItem(der);
    // PK11_FindCertFromDERCertItem(
    //   PK11SlotInfo* slot: the internal key slot, i.e. this database
    //   const SECItem* derCert: the certificate's DER
    //   void* wincx: nullptr, no password callback context (nothing may prompt))
    return CertRef(nss_, nss_.PK11_FindCertFromDERCertItem(slot_, &item, nullptr));
  }

  CertLook ReadState(const std::string& der) const {
    CertLook look;
    CertRef cert = FindPermanent(der);
    if (!cert) {
      look.orphan_trust = HasOrphanTrust(der);
      return look;
    }
    CERTCertTrust trust;
    // CERT_GetCertTrust fails when the certificate has no trust record at all.
    if (nss_.CERT_GetCertTrust(cert.get(), &trust) == SECSuccess &&
        (trust.sslFlags & CERTDB_TRUSTED_CA) != 0) {
      look.state = NssCertState::kTrusted;
    } else {
      look.state = NssCertState::kPresent;
    }
    return look;
  }

  /// For a certificate with no permanent copy: does the database still hold trust for it? NSS
  /// looks a temporary certificate's trust up in the token by issuer and serial number.
  bool HasOrphanTrust(const std::string& der) const {
    SECItem item = DerItem(der);
    // CERT_NewTempCertificate(handle, derCert, nickname: none, isperm: PR_FALSE, copyDER: PR_TRUE)
    CertRef temp(nss_, nss_.CERT_NewTempCertificate(nss_.CERT_GetDefaultCertDB(), &item, nullptr,
                                                    PR_FALSE, PR_TRUE));
    CERTCertTrust trust;
    return temp && nss_.CERT_GetCertTrust(temp.get(), &trust) == SECSuccess &&
           (trust.sslFlags | trust.emailFlags | trust.objectSigningFlags) != 0;
  }

 private:
  Session(const NssFunctions& nss, std::string database)
      : nss_(nss), database_(std::move(database)) {}

  const NssFunctions& nss_;
  std::string database_;
  PK11SlotInfo* slot_ = nullptr;
  bool closed_ = false;
};

enum class Login { kLoggedIn, kPrimaryPassword };

// Logs in to the internal key slot with the empty password, as Firefox does silently at start.
// Trust records are MAC-protected with a key from the password, so changing trust needs this
// ("Database needs user init" otherwise; NSS lib/softoken/sftkdb.c,
// sftkdb_isAuthenticatedAttribute; installer/docs/facts.md §4.2).
Result<Login> LogIn(const Session& session) {
  const NssFunctions& nss = session.nss();
  PK11SlotInfo* slot = session.slot();
  if (nss.PK11_NeedUserInit(slot)) {
    // A database that never had a password (a profile Firefox only created, or one made by
    // NSS_Initialize on an empty directory): set the empty one, as Firefox's InitializeNSS does.
    // PK11_InitPin(
    //   PK11SlotInfo* slot: the internal key slot
    //   const char* ssopw: nullptr, the security officer password (none; NSS takes it as "")
    //   const char* pk11_userpwd: nullptr, the new user password: none, i.e. empty)
    if (nss.PK11_InitPin(slot, nullptr, nullptr) != SECSuccess) {
      return NssError(nss, "cannot set the empty password of", session.database());
    }
  }
  // PK11_IsLoggedIn(PK11SlotInfo* slot, void* wincx: nullptr, no prompt context)
  if (!nss.PK11_NeedLogin(slot) || nss.PK11_IsLoggedIn(slot, nullptr)) return Login::kLoggedIn;
  // PK11_CheckUserPassword(
  //   PK11SlotInfo* slot: the internal key slot
  //   const char* pw: "", the empty password; logs in when it is right)
  // Used instead of PK11_Authenticate so that no password callback can ever prompt.
  if (nss.PK11_CheckUserPassword(slot, "") == SECSuccess) return Login::kLoggedIn;
  if (nss.PORT_GetError() == SEC_ERROR_BAD_PASSWORD) return Login::kPrimaryPassword;
  return NssError(nss, "cannot log in to", session.database());
}

// Gives the permanent certificate cert trust "C,,", keeping the flags it has for e-mail and
// object signing and a client-CA flag for TLS.
Status SetTrust(const Session& session, CERTCertificate* cert) {
  const NssFunctions& nss = session.nss();
  CERTCertTrust trust;
  // CERT_DecodeTrustString(CERTCertTrust* trust: out, const char* trusts: "C,,")
  if (nss.CERT_DecodeTrustString(&trust, kTrust) != SECSuccess) {
    return NssError(nss, "cannot decode the trust string for", session.database());
  }
  CERTCertTrust old;
  if (nss.CERT_GetCertTrust(cert, &old) == SECSuccess) {
    trust.sslFlags |= old.sslFlags & CERTDB_TRUSTED_CLIENT_CA;
    trust.emailFlags = old.emailFlags;
    trust.objectSigningFlags = old.objectSigningFlags;
  }
  // CERT_ChangeCertTrust(
  //   CERTCertDBHandle* handle: the default (only) certificate DB of this session
  //   CERTCertificate* cert: a permanent certificate; a temporary one would get in-memory trust
  //   CERTCertTrust* trust: the new flags)
  if (nss.CERT_ChangeCertTrust(nss.CERT_GetDefaultCertDB(), cert, &trust) != SECSuccess) {
    return NssError(nss, "cannot set trust in", session.database());
  }
  return Status::Ok();
}

// Imports cert under its nickname, without trust.
Status Import(const Session& session, const NssCert& cert) {
  const NssFunctions& nss = session.nss();
  SECItem der = DerItem(cert.der);
  // CERT_NewTempCertificate(
  //   CERTCertDBHandle* handle: the default certificate DB
  //   SECItem* derCert: the certificate's DER
  //   char* nickname: nullptr (the nickname is given on import)
  //   PRBool isperm: PR_FALSE, in memory only until PK11_ImportCert
  //   PRBool copyDER: PR_TRUE, NSS keeps its own copy of the bytes)
  CertRef temp(nss, nss.CERT_NewTempCertificate(nss.CERT_GetDefaultCertDB(), &der, nullptr,
                                                PR_FALSE, PR_TRUE));
  if (!temp) return NssError(nss, "cannot decode " + cert.id + " for", session.database());
  // PK11_ImportCert(
  //   PK11SlotInfo* slot: the internal key slot, i.e. the profile's cert9.db
  //   CERTCertificate* cert: the temporary certificate, made permanent by this call
  //   CK_OBJECT_HANDLE key: CK_INVALID_HANDLE, a CA certificate has no private key here
  //   const char* nickname: the stable gcatrust nickname (NssNickname)
  //   PRBool includeTrust: PR_FALSE, trust is set separately with CERT_ChangeCertTrust)
  if (nss.PK11_ImportCert(session.slot(), temp.get(), CK_INVALID_HANDLE, cert.nickname.c_str(),
                          PR_FALSE) != SECSuccess) {
    return NssError(nss, "cannot import " + cert.id + " into", session.database());
  }
  return Status::Ok();
}

Status InstallCert(const Session& session, const NssCert& cert, NssCertState state) {
  if (state == NssCertState::kPresent) {
    // Held (e.g. as an intermediate with no trust, or under another nickname): trust that copy.
    CertRef existing = session.FindPermanent(cert.der);
    if (!existing) return Status::Error(cert.id + " vanished from " + session.database());
    return SetTrust(session, existing.get());
  }
  Status imported = Import(session, cert);
  if (!imported.ok()) return imported;
  CertRef added = session.FindPermanent(cert.der);
  if (!added) {
    return Status::Error(cert.id + " was imported but is not found in " + session.database());
  }
  return SetTrust(session, added.get());
}

Status UninstallCert(const Session& session, const NssCert& cert) {
  const NssFunctions& nss = session.nss();
  bool adopted = false;
  for (int copy = 0; copy < kMaxCopies; ++copy) {
    CertRef found = session.FindPermanent(cert.der);
    if (!found) {
      if (adopted || !session.HasOrphanTrust(cert.der)) return Status::Ok();
      // A trust record without its certificate: import the certificate again so that deleting
      // it takes the record along (SEC_DeletePermCertificate deletes the trust it finds).
      Status imported = Import(session, cert);
      if (!imported.ok()) return imported;
      adopted = true;
      continue;
    }
    // SEC_DeletePermCertificate(CERTCertificate* cert): deletes the certificate and its trust
    // records from the token. Copies imported by the enterprise policy under Firefox's own
    // nickname are matched by DER and go too (Policies.sys.mjs never removes them;
    // installer/docs/facts.md §1.2).
    if (nss.SEC_DeletePermCertificate(found.get()) != SECSuccess) {
      return NssError(nss, "cannot delete " + cert.id + " from", session.database());
    }
  }
  return Status::Error(cert.id + " is still in " + session.database() + " after " +
                       std::to_string(kMaxCopies) + " deletions");
}

bool Wanted(NssOperation op, const CertLook& look) {
  return op == NssOperation::kInstall ? look.state == NssCertState::kTrusted
                                      : look.state == NssCertState::kMissing && !look.orphan_trust;
}

const char* StateName(const CertLook& look) {
  switch (look.state) {
    case NssCertState::kMissing:
      return look.orphan_trust ? "missing, but its trust record remains" : "missing";
    case NssCertState::kPresent:
      return "present without TLS CA trust";
    case NssCertState::kTrusted:
      return "trusted";
  }
  return "?";
}

// Every cert's state in a read-only session of its own: the read-back after writing comes from
// the files, not from what NSS cached while writing.
Result<std::vector<CertLook>> ReadStates(const NssFunctions& nss, const std::string& database,
                                         const std::vector<NssCert>& certs) {
  Result<std::unique_ptr<Session>> session = Session::Open(nss, database, /*read_only=*/true);
  if (!session.ok()) return session.status();
  std::vector<CertLook> states;
  for (const NssCert& cert : certs) states.push_back(session.value()->ReadState(cert.der));
  Status closed = session.value()->Close();
  if (!closed.ok()) return closed;
  return states;
}

void SetCertStates(const std::vector<NssCert>& certs, const std::vector<CertLook>& looks,
                   NssDatabaseResult* result) {
  result->certs.clear();
  for (size_t i = 0; i < certs.size() && i < looks.size(); ++i) {
    result->certs.emplace_back(certs[i].id, looks[i].state);
  }
}

// Appends message to the result's error ("; " between several).
void AddError(const std::string& message, NssDatabaseResult* result) {
  result->outcome = NssOutcome::kFailed;
  if (!result->error.empty()) result->error += "; ";
  result->error += message;
}

// Logs in; when that fails, records why (an error, or a Primary Password that is never prompted
// for) in result. True when logged in.
bool LogInOrRecord(const Session& session, const std::string& database, NssDatabaseResult* result) {
  Result<Login> login = LogIn(session);
  if (!login.ok()) {
    AddError(login.message(), result);
    return false;
  }
  if (login.value() == Login::kPrimaryPassword) {
    result->outcome = NssOutcome::kPrimaryPassword;
    result->error = database + " is protected by a Primary Password; left unchanged";
    return false;
  }
  return true;
}

}  // namespace

NssDatabaseResult ProcessNssDatabase(const NssFunctions& nss, NssOperation op,
                                     const std::string& database,
                                     const std::vector<NssCert>& certs) {
  NssDatabaseResult result;
  result.database = database;

  // First look without writing: a read-write open already rewrites the files (a newer NSS
  // upgrades a database an older one made, seen with Firefox's 3.125 on a certutil 3.87 DB), so
  // databases that need nothing, or that a Primary Password protects, are opened read-only only.
  Result<std::unique_ptr<Session>> reader = Session::Open(nss, database, /*read_only=*/true);
  if (!reader.ok() && op == NssOperation::kStatus) {
    AddError(reader.message(), &result);
    return result;
  }
  // A directory without a database cannot be opened read-only; the read-write open creates it
  // (as Firefox's first start does) or says why not.
  if (reader.ok()) {
    Session& session = *reader.value();
    std::vector<CertLook> before;
    bool needs_change = false;
    for (const NssCert& cert : certs) {
      before.push_back(session.ReadState(cert.der));
      needs_change = needs_change || !Wanted(op, before.back());
    }
    SetCertStates(certs, before, &result);
    result.outcome = NssOutcome::kUnchanged;
    if (op != NssOperation::kStatus && needs_change &&
        !session.nss().PK11_NeedUserInit(session.slot())) {
      LogInOrRecord(session, database, &result);
    }
    Status closed = session.Close();
    if (!closed.ok()) AddError(closed.message(), &result);
    if (op == NssOperation::kStatus || !needs_change || result.outcome != NssOutcome::kUnchanged) {
      return result;
    }
  }

  Result<std::unique_ptr<Session>> opened = Session::Open(nss, database, /*read_only=*/false);
  if (!opened.ok()) {
    AddError(opened.message(), &result);
    return result;
  }
  Session& session = *opened.value();
  result.outcome = NssOutcome::kUnchanged;
  if (LogInOrRecord(session, database, &result)) {
    bool wrote = false;
    for (const NssCert& cert : certs) {
      // Read again: the database may have been created or changed since the look above.
      CertLook look = session.ReadState(cert.der);
      if (Wanted(op, look)) continue;
      Status done = op == NssOperation::kInstall ? InstallCert(session, cert, look.state)
                                                 : UninstallCert(session, cert);
      if (!done.ok()) AddError(done.message(), &result);
      wrote = wrote || done.ok();
    }
    if (wrote && result.outcome == NssOutcome::kUnchanged) result.outcome = NssOutcome::kChanged;
  }
  Status closed = session.Close();
  if (!closed.ok()) {
    // NSS may still hold this database open, so it cannot be read back now.
    AddError(closed.message(), &result);
    return result;
  }

  // A write that does not read back is a failure (installer/docs/facts.md §4.5: an older NSS can
  // report success yet leave trust records it cannot see).
  Result<std::vector<CertLook>> after = ReadStates(nss, database, certs);
  if (!after.ok()) {
    AddError("cannot read back: " + after.message(), &result);
    return result;
  }
  SetCertStates(certs, after.value(), &result);
  if (result.outcome == NssOutcome::kPrimaryPassword) return result;
  for (size_t i = 0; i < certs.size(); ++i) {
    if (!Wanted(op, after.value()[i])) {
      AddError(certs[i].id + " reads back as " + StateName(after.value()[i]) + " in " + database,
               &result);
    }
  }
  return result;
}

}  // namespace gcatrust
