#include "installer/certificate_bundle.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "platform/sha256.h"

namespace gcatrust {
namespace {

// A bundle built the way gcatrust-embed builds one, so damage can be applied to a copy.
class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    raw_ = "first-der" + std::string("second-der");
    sha_a_ = Sha256Hex("first-der");
    sha_b_ = Sha256Hex("second-der");
    records_[0] = {"a", "A", "root", "a", "CN=A", "", "", sha_a_.c_str(), "", 0, 9};
    records_[1] = {"b", "B", "intermediate", "a", "CN=B", "", "", sha_b_.c_str(), "", 9, 10};
    uLongf size = compressBound(raw_.size());
    compressed_.resize(size);
    ASSERT_EQ(compress2(compressed_.data(), &size, reinterpret_cast<const Bytef*>(raw_.data()),
                        raw_.size(), 9),
              Z_OK);
    compressed_.resize(size);
  }
  BundleView View() {
    return {"test", compressed_.data(), compressed_.size(), raw_.size(), Sha256Hex(raw_), records_,
            2};
  }

  std::string raw_, sha_a_, sha_b_;
  std::vector<unsigned char> compressed_;
  embedded::CertRecord records_[2];
};

TEST_F(BundleTest, DecodesIntactBundle) {
  auto certs = DecodeBundle(View());
  ASSERT_TRUE(certs.ok()) << certs.message();
  ASSERT_EQ(certs.value().size(), 2u);
  EXPECT_EQ(certs.value()[1].der, "second-der");
  EXPECT_EQ(certs.value()[1].issuer_id, "a");
}

TEST_F(BundleTest, RefusesAFlippedCompressedByte) {
  compressed_[compressed_.size() / 2] ^= 0x20;
  auto certs = DecodeBundle(View());
  ASSERT_FALSE(certs.ok());
  EXPECT_NE(certs.message().find("damaged"), std::string::npos);
}

TEST_F(BundleTest, RefusesAWrongChecksum) {
  BundleView v = View();
  v.sha256[0] = v.sha256[0] == '0' ? '1' : '0';
  EXPECT_FALSE(DecodeBundle(v).ok());
}

TEST_F(BundleTest, RefusesAFingerprintMismatchAndOutOfRangeIndex) {
  records_[1].size = 9;  // now "second-de": its pinned fingerprint no longer matches
  EXPECT_FALSE(DecodeBundle(View()).ok());
  records_[1].size = 100;
  EXPECT_FALSE(DecodeBundle(View()).ok());
}

TEST(EmbeddedBundle, TheLinkedDefaultSetDecodesWithItsPins) {
  auto certs = DecodeBundle(EmbeddedBundleView());
  ASSERT_TRUE(certs.ok()) << certs.message();
  ASSERT_GE(certs.value().size(), 1u);
  for (const Certificate& c : certs.value()) {
    EXPECT_EQ(Sha256Hex(c.der), c.sha256) << c.id;
    EXPECT_EQ(c.der[0], '\x30') << c.id;  // a DER SEQUENCE
  }
}

}  // namespace
}  // namespace gcatrust
