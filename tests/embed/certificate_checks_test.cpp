// One test per reason gcatrust-embed refuses a certificate, plus the cases it must accept.
#include "embed/certificate_checks.h"

#include <gtest/gtest.h>

#include "tests/embed/manifest_fixture.h"
#include "tests/embed/test_certificates.h"

namespace gcatrust::embed::testing {
namespace {

class CertificateChecksTest : public ManifestFixture {
 protected:
  KeyPtr root_key_ = MakeKey();
  X509Ptr root_ = MakeRoot("Test Root", root_key_.get());
};

TEST_F(CertificateChecksTest, ValidRootAndIntermediatePass) {
  KeyPtr key = MakeKey();
  X509Ptr intermediate = MakeIssued("Test CA", key.get(), "Test Root", root_key_.get());
  AddPem("root", root_.get(), "root", "root");
  AddPem("ca", intermediate.get(), "intermediate", "root");

  Verification result = Verify(kNow);
  EXPECT_TRUE(result.ok()) << result.errors.front();
  ASSERT_EQ(result.certificates.size(), 2u);
  EXPECT_EQ(result.certificates[1].entry.id, "ca");
  EXPECT_EQ(result.certificates[1].subject, "CN=Test CA,O=gcatrust tests");
  EXPECT_EQ(result.certificates[1].der, ToDer(intermediate.get()));
}

TEST_F(CertificateChecksTest, GarbageFileFailsToParse) {
  WriteFile("garbage.pem", std::string("this is not a certificate\n"));
  AddEntry("garbage", "garbage.pem", "root", "garbage", Bytes{1, 2, 3});
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"garbage.pem", "not a parsable certificate"}));
}

TEST_F(CertificateChecksTest, DamagedPemBodyFailsToParse) {
  WriteFile("broken.pem",
            std::string("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"));
  AddEntry("broken", "broken.pem", "root", "broken", Bytes{1});
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"broken.pem", "not a readable PEM certificate"}));
}

TEST_F(CertificateChecksTest, TwoCertificatesInOneFileFail) {
  KeyPtr other_key = MakeKey();
  X509Ptr other = MakeRoot("Other Root", other_key.get());
  WriteFile("two.pem", ToPem(root_.get()) + ToPem(other.get()));
  AddEntry("two", "two.pem", "root", "two", ToDer(root_.get()));
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"two.pem", "more than one certificate"}));
}

TEST_F(CertificateChecksTest, PinMismatchFails) {
  KeyPtr other_key = MakeKey();
  X509Ptr other = MakeRoot("Other Root", other_key.get());
  WriteFile("root.pem", ToPem(root_.get()));
  AddEntry("root", "root.pem", "root", "root", ToDer(other.get()));
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"root.pem", "does not match the pinned"}));
}

TEST_F(CertificateChecksTest, PinIsCaseInsensitive) {
  nlohmann::json& entry = AddPem("root", root_.get(), "root", "root");
  std::string pin = entry["sha256"];
  for (char& c : pin) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  entry["sha256"] = pin;
  EXPECT_TRUE(Verify(kNow).ok());
}

TEST_F(CertificateChecksTest, NotCaFails) {
  CertSpec spec;
  spec.subject_cn = "Leaf";
  spec.public_key = root_key_.get();
  spec.ca = false;
  X509Ptr leaf = MakeCertificate(spec);
  AddPem("leaf", leaf.get(), "root", "leaf");
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"leaf.pem", "not a CA certificate"}));
}

TEST_F(CertificateChecksTest, ExpiredFails) {
  CertSpec spec;
  spec.subject_cn = "Old Root";
  spec.public_key = root_key_.get();
  spec.not_after = kNow - kDay;
  X509Ptr old_root = MakeCertificate(spec);
  AddPem("old", old_root.get(), "root", "old");
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"old.pem", "expired"}));
}

TEST_F(CertificateChecksTest, ExpiredWithKeepExpiredPasses) {
  CertSpec spec;
  spec.subject_cn = "Old Root";
  spec.public_key = root_key_.get();
  spec.not_after = kNow - kDay;
  X509Ptr old_root = MakeCertificate(spec);
  AddPem("old", old_root.get(), "root", "old")["keep_expired"] = true;
  Verification result = Verify(kNow);
  EXPECT_TRUE(result.ok()) << result.errors.front();
  EXPECT_EQ(result.certificates.size(), 1u);
}

TEST_F(CertificateChecksTest, NotYetValidFails) {
  CertSpec spec;
  spec.subject_cn = "Future Root";
  spec.public_key = root_key_.get();
  spec.not_before = kNow + kDay;
  X509Ptr future = MakeCertificate(spec);
  // keep_expired is about the end of validity only; it must not excuse a future start.
  AddPem("future", future.get(), "root", "future")["keep_expired"] = true;
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"future.pem", "not valid yet"}));
}

TEST_F(CertificateChecksTest, IntermediateSignedByWrongKeyWithRightIssuerNameFails) {
  // Same issuer name as the root, different key: the GCA G1/G2 situation, which only the
  // signature check can tell apart.
  KeyPtr impostor_key = MakeKey();
  KeyPtr key = MakeKey();
  X509Ptr intermediate = MakeIssued("Test CA", key.get(), "Test Root", impostor_key.get());
  AddPem("root", root_.get(), "root", "root");
  AddPem("ca", intermediate.get(), "intermediate", "root");
  Verification result = Verify(kNow);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_TRUE(AnyContains(result.errors, {"ca.pem", "signature does not verify", "\"root\""}));
}

TEST_F(CertificateChecksTest, IntermediateWithOtherIssuerNameFails) {
  KeyPtr key = MakeKey();
  X509Ptr intermediate = MakeIssued("Test CA", key.get(), "Someone Else", root_key_.get());
  AddPem("root", root_.get(), "root", "root");
  AddPem("ca", intermediate.get(), "cross", "root");
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"ca.pem", "is not the subject of issuer"}));
}

TEST_F(CertificateChecksTest, RootNotSelfSignedFails) {
  KeyPtr other_key = MakeKey();
  CertSpec spec;
  spec.subject_cn = "Test Root";
  spec.public_key = root_key_.get();
  spec.signing_key = other_key.get();
  X509Ptr forged = MakeCertificate(spec);
  AddPem("root", forged.get(), "root", "root");
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"root.pem", "not self-signed"}));
}

TEST_F(CertificateChecksTest, RootNotSelfIssuedFails) {
  KeyPtr key = MakeKey();
  X509Ptr issued = MakeIssued("Test CA", key.get(), "Test Root", root_key_.get());
  AddPem("ca", issued.get(), "root", "ca");
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"ca.pem", "not self-issued"}));
}

TEST_F(CertificateChecksTest, UnknownIssuerIdFails) {
  KeyPtr key = MakeKey();
  X509Ptr intermediate = MakeIssued("Test CA", key.get(), "Test Root", root_key_.get());
  AddPem("ca", intermediate.get(), "intermediate", "nobody");
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"ca.pem", "issuer \"nobody\""}));
}

TEST_F(CertificateChecksTest, SkippedIssuerFailsItsIntermediate) {
  KeyPtr key = MakeKey();
  X509Ptr intermediate = MakeIssued("Test CA", key.get(), "Test Root", root_key_.get());
  AddEntry("root", "absent.pem", "root", "root", ToDer(root_.get()))["optional"] = true;
  AddPem("ca", intermediate.get(), "intermediate", "root");
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"ca.pem", "was skipped"}));
}

TEST_F(CertificateChecksTest, DuplicateDerFails) {
  AddPem("root", root_.get(), "root", "root");
  AddPem("again", root_.get(), "root", "again");
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"again.pem", "same certificate as id \"root\""}));
}

TEST_F(CertificateChecksTest, MissingRequiredFileFails) {
  AddEntry("root", "absent.pem", "root", "root", ToDer(root_.get()));
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"absent.pem", "file not found"}));
}

TEST_F(CertificateChecksTest, MissingOptionalFileIsSkippedWithNotice) {
  AddPem("root", root_.get(), "root", "root");
  AddEntry("extra", "absent.pem", "root", "extra", Bytes{1})["optional"] = true;
  Verification result = Verify(kNow);
  EXPECT_TRUE(result.ok()) << result.errors.front();
  EXPECT_EQ(result.certificates.size(), 1u);
  EXPECT_TRUE(AnyContains(result.notices, {"absent.pem", "skipped"}));
}

TEST_F(CertificateChecksTest, PemAndDerAreBothAccepted) {
  KeyPtr key = MakeKey();
  X509Ptr intermediate = MakeIssued("Test CA", key.get(), "Test Root", root_key_.get());
  AddPem("root", root_.get(), "root", "root");
  WriteFile("ca.cer", ToDer(intermediate.get()));
  AddEntry("ca", "ca.cer", "intermediate", "root", ToDer(intermediate.get()));
  Verification result = Verify(kNow);
  EXPECT_TRUE(result.ok()) << result.errors.front();
  ASSERT_EQ(result.certificates.size(), 2u);
  EXPECT_EQ(result.certificates[0].der, ToDer(root_.get()));
  EXPECT_EQ(result.certificates[1].der, ToDer(intermediate.get()));
}

TEST_F(CertificateChecksTest, DerWithTrailingBytesFails) {
  Bytes der = ToDer(root_.get());
  Bytes padded = der;
  padded.push_back(0);
  WriteFile("root.cer", padded);
  AddEntry("root", "root.cer", "root", "root", der);
  Verification result = Verify(kNow);
  EXPECT_TRUE(AnyContains(result.errors, {"root.cer", "stray bytes"}));
}

TEST_F(CertificateChecksTest, ReportsEveryFailureNotJustTheFirst) {
  AddEntry("a", "a.pem", "root", "a", Bytes{1});
  CertSpec spec;
  spec.subject_cn = "Old";
  spec.public_key = root_key_.get();
  spec.not_after = kNow - kDay;
  X509Ptr old_root = MakeCertificate(spec);
  AddPem("old", old_root.get(), "root", "old");
  AddEntry("b", "b.pem", "root", "b", Bytes{1});
  Verification result = Verify(kNow);
  EXPECT_EQ(result.errors.size(), 3u);
  EXPECT_TRUE(AnyContains(result.errors, {"a.pem"}));
  EXPECT_TRUE(AnyContains(result.errors, {"old.pem", "expired"}));
  EXPECT_TRUE(AnyContains(result.errors, {"b.pem"}));
}

}  // namespace
}  // namespace gcatrust::embed::testing
