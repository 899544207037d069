// Compiles and links the source gcatrust-embed generated from the default manifest, then reads
// it back through installer/embedded_bundle.h exactly as the installer will.
#include <gtest/gtest.h>

#include <string>

#include "embed/bundle.h"
#include "embed/certificate_file.h"
#include "installer/embedded_bundle.h"

namespace gcatrust::embed {
namespace {

namespace embedded = gcatrust::embedded;

Bytes InflatedBundle() {
  Bytes compressed(embedded::kCompressedBundle,
                   embedded::kCompressedBundle + embedded::kCompressedBundleSize);
  Result<Bytes> inflated = Decompress(compressed, embedded::kBundleSize);
  EXPECT_TRUE(inflated.ok()) << inflated.message();
  return inflated.ok() ? inflated.value() : Bytes{};
}

TEST(GeneratedBundleTest, DecompressesToTheHashedBundle) {
  Bytes bundle = InflatedBundle();
  EXPECT_EQ(bundle.size(), embedded::kBundleSize);
  EXPECT_EQ(Sha256Hex(bundle), embedded::kBundleSha256);
  EXPECT_STREQ(embedded::kBundleName, "Taiwan Government PKI (GRCA roots + GCA)");
}

TEST(GeneratedBundleTest, EachRecordPointsAtTheDerOfItsFile) {
  const char* const kFiles[] = {"GRCA1.pem", "GRCA2.pem", "GRCA1_to_GRCA2_cross_2012.pem",
                                "GCA2.pem", "GRCA3.pem"};
  ASSERT_EQ(embedded::kCertRecordCount, 5u);
  Bytes bundle = InflatedBundle();
  std::size_t expected_offset = 0;
  for (std::size_t i = 0; i < embedded::kCertRecordCount; ++i) {
    const embedded::CertRecord& record = embedded::kCertRecords[i];
    EXPECT_EQ(record.offset, expected_offset) << record.id;
    expected_offset += record.size;
    Result<Bytes> file =
        ReadFileBytes(std::filesystem::path(GCATRUST_SOURCE_DIR) / "certs" / kFiles[i]);
    ASSERT_TRUE(file.ok());
    Result<ParsedCertificate> parsed = ParseCertificate(file.value());
    ASSERT_TRUE(parsed.ok());
    Bytes slice(bundle.begin() + static_cast<std::ptrdiff_t>(record.offset),
                bundle.begin() + static_cast<std::ptrdiff_t>(record.offset + record.size));
    EXPECT_EQ(slice, parsed.value().der) << record.id;
    EXPECT_EQ(Sha256Hex(slice), record.sha256) << record.id;
  }
  EXPECT_EQ(expected_offset, embedded::kBundleSize);
}

TEST(GeneratedBundleTest, StringsSurviveAsUtf8) {
  const embedded::CertRecord& grca3 = embedded::kCertRecords[4];
  EXPECT_STREQ(grca3.id, "grca3");
  EXPECT_STREQ(grca3.role, "root");
  EXPECT_STREQ(grca3.issuer_id, "grca3");
  EXPECT_EQ(std::string(grca3.name), std::string(u8"GRCA G3 政府憑證總管理中心"));
  EXPECT_EQ(std::string(grca3.subject),
            std::string(u8"CN=Government Root Certification Authority - G3,O=行政院,C=TW"));
  EXPECT_STREQ(grca3.not_after, "2049-12-31T15:59:59Z");
  EXPECT_STREQ(embedded::kCertRecords[2].role, "cross");
  EXPECT_STREQ(embedded::kCertRecords[2].issuer_id, "grca1");
}

}  // namespace
}  // namespace gcatrust::embed
