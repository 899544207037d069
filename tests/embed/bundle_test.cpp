// The bundle model and its C++ text: what the installer will decompress must be exactly the
// verified DERs, in manifest order.
#include "embed/bundle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>

#include "embed/bundle_source_writer.h"
#include "embed/manifest.h"
#include "tests/embed/test_certificates.h"

namespace gcatrust::embed::testing {
namespace {

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ManifestParse parse =
        LoadManifest(std::filesystem::path(GCATRUST_SOURCE_DIR) / "certs" / "manifest.json");
    ASSERT_TRUE(parse.ok());
    verification_ = VerifyCertificates(parse.manifest, kNow);
    ASSERT_TRUE(verification_.ok());
    Result<Bundle> bundle = BuildBundle(parse.manifest.name, verification_.certificates);
    ASSERT_TRUE(bundle.ok()) << bundle.message();
    bundle_ = std::move(bundle).value();
  }

  Verification verification_;
  Bundle bundle_;
};

TEST_F(BundleTest, DataIsTheDersInManifestOrder) {
  Bytes expected;
  for (const VerifiedCertificate& cert : verification_.certificates) {
    expected.insert(expected.end(), cert.der.begin(), cert.der.end());
  }
  EXPECT_EQ(bundle_.data, expected);
  EXPECT_EQ(bundle_.sha256, Sha256Hex(expected));
  ASSERT_EQ(bundle_.records.size(), 5u);
  for (std::size_t i = 0; i < bundle_.records.size(); ++i) {
    const BundleRecord& record = bundle_.records[i];
    Bytes slice(bundle_.data.begin() + static_cast<std::ptrdiff_t>(record.offset),
                bundle_.data.begin() + static_cast<std::ptrdiff_t>(record.offset + record.size));
    EXPECT_EQ(Sha256Hex(slice), record.sha256) << record.id;
    EXPECT_EQ(record.sha256, verification_.certificates[i].entry.sha256);
  }
  EXPECT_EQ(bundle_.records[3].role, "intermediate");
  EXPECT_EQ(bundle_.records[3].issuer_id, "grca2");
  EXPECT_EQ(bundle_.records[3].not_before, "2013-01-31T03:22:34Z");
}

TEST_F(BundleTest, CompressedDataDecompressesToTheBundle) {
  Result<Bytes> inflated = Decompress(bundle_.compressed, bundle_.data.size());
  ASSERT_TRUE(inflated.ok()) << inflated.message();
  EXPECT_EQ(inflated.value(), bundle_.data);
}

TEST_F(BundleTest, SourceTextCarriesTheCompressedBytesSixteenALine) {
  std::string source = WriteBundleSource(bundle_, "manifest.json");
  std::size_t begin = source.find("const unsigned char kCompressedBundle[] = {\n");
  std::size_t end = source.find("};", begin);
  ASSERT_NE(begin, std::string::npos);
  std::istringstream array(source.substr(begin, end - begin));
  std::string line;
  std::getline(array, line);  // the declaration
  Bytes parsed;
  std::size_t lines = 0;
  const std::regex byte_pattern("0x([0-9a-f]{2}),");
  while (std::getline(array, line)) {
    auto first = std::sregex_iterator(line.begin(), line.end(), byte_pattern);
    std::size_t count = 0;
    for (auto it = first; it != std::sregex_iterator(); ++it, ++count) {
      parsed.push_back(static_cast<unsigned char>(std::stoi((*it)[1].str(), nullptr, 16)));
    }
    ++lines;
    if (parsed.size() < bundle_.compressed.size()) {
      EXPECT_EQ(count, 16u) << line;  // every line but the last is full
    }
  }
  EXPECT_EQ(parsed, bundle_.compressed);
  EXPECT_EQ(lines, (bundle_.compressed.size() + 15) / 16);
}

TEST_F(BundleTest, SourceTextDefinesEverySymbolOnce) {
  std::string source = WriteBundleSource(bundle_, "manifest.json");
  for (const char* symbol :
       {"const char kBundleName[] = ", "const std::size_t kCompressedBundleSize = ",
        "const std::size_t kBundleSize = ", "const char kBundleSha256[] = \"",
        "const CertRecord kCertRecords[] = {", "const std::size_t kCertRecordCount = "}) {
    std::size_t at = source.find(symbol);
    EXPECT_NE(at, std::string::npos) << symbol;
    EXPECT_EQ(source.find(symbol, at + 1), std::string::npos) << symbol;
  }
  EXPECT_NE(
      source.find("const std::size_t kBundleSize = " + std::to_string(bundle_.data.size()) + ";"),
      std::string::npos);
  EXPECT_NE(source.find(bundle_.sha256), std::string::npos);
  // Non-ASCII only as octal escapes, so the file is pure ASCII whatever the compiler's charset.
  EXPECT_TRUE(std::all_of(source.begin(), source.end(),
                          [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
}

}  // namespace
}  // namespace gcatrust::embed::testing
