#include "embed/manifest.h"

#include <gtest/gtest.h>

#include "tests/embed/manifest_fixture.h"

namespace gcatrust::embed::testing {
namespace {

const std::filesystem::path kManifestPath = std::filesystem::path("certs") / "manifest.json";

std::string WithEntry(const std::string& entry_fields) {
  return R"({"name": "n", "certificates": [{)" + entry_fields + "}]}";
}

const char kGoodFields[] =
    R"("id": "root-1", "name": "Root", "file": "root.pem", "role": "root", "issuer": "root-1",
       "sha256": "7600295EEFE85B9E1FD624DB76062AAAAE59818A54D2774CD4C0B2C01131E1B3",
       "published": "https://example.test/")";

TEST(ManifestTest, ParsesAWellFormedEntry) {
  ManifestParse parse = ParseManifest(WithEntry(kGoodFields), kManifestPath);
  ASSERT_TRUE(parse.ok()) << parse.errors.front();
  EXPECT_EQ(parse.manifest.name, "n");
  ASSERT_EQ(parse.manifest.entries.size(), 1u);
  const ManifestEntry& entry = parse.manifest.entries[0];
  EXPECT_EQ(entry.id, "root-1");
  EXPECT_EQ(entry.role, CertRole::kRoot);
  EXPECT_EQ(entry.path, std::filesystem::path("certs") / "root.pem");
  EXPECT_EQ(entry.sha256, "7600295eefe85b9e1fd624db76062aaaae59818a54d2774cd4c0b2c01131e1b3");
  EXPECT_FALSE(entry.optional);
  EXPECT_FALSE(entry.keep_expired);
}

TEST(ManifestTest, ReadsOptionalFlags) {
  ManifestParse parse = ParseManifest(
      WithEntry(std::string(kGoodFields) + R"(, "optional": true, "keep_expired": true)"),
      kManifestPath);
  ASSERT_TRUE(parse.ok());
  EXPECT_TRUE(parse.manifest.entries[0].optional);
  EXPECT_TRUE(parse.manifest.entries[0].keep_expired);
}

TEST(ManifestTest, InvalidJsonFails) {
  ManifestParse parse = ParseManifest("{\"name\": ", kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"manifest.json", "not valid JSON"}));
}

// Found by tests/fuzz/manifest_fuzzer: nlohmann::json reports a number too large for a double
// as out_of_range, not parse_error, and it escaped ParseManifest.
TEST(ManifestTest, NumberOverflowIsAnErrorNotAnException) {
  ManifestParse parse = ParseManifest("[15e304444]", kManifestPath);
  ASSERT_EQ(parse.errors.size(), 1u);
  EXPECT_NE(parse.errors[0].find("not valid JSON"), std::string::npos);
}

TEST(ManifestTest, MissingRequiredFieldFails) {
  ManifestParse parse = ParseManifest(
      WithEntry(R"("id": "x", "name": "X", "file": "x.pem", "role": "root", "issuer": "x",
                   "published": "p")"),
      kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"certificates[0]", "\"sha256\""}));
  EXPECT_TRUE(parse.manifest.entries.empty());
}

TEST(ManifestTest, ReportsEveryMissingField) {
  ManifestParse parse = ParseManifest(WithEntry(R"("id": "x")"), kManifestPath);
  EXPECT_EQ(parse.errors.size(), 6u);
}

TEST(ManifestTest, BadIdFails) {
  std::string fields = kGoodFields;
  fields.replace(fields.find("root-1"), 6, "Root_1");
  ManifestParse parse = ParseManifest(WithEntry(fields), kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"Root_1", "[a-z0-9-]+"}));
}

TEST(ManifestTest, BadRoleFails) {
  std::string fields = kGoodFields;
  fields.replace(fields.find("\"root\""), 6, "\"leaf\"");
  ManifestParse parse = ParseManifest(WithEntry(fields), kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"role \"leaf\""}));
}

TEST(ManifestTest, RootMustNameItselfAsIssuer) {
  std::string fields = kGoodFields;
  fields.replace(fields.find("\"issuer\": \"root-1\""), 18, "\"issuer\": \"other\"");
  ManifestParse parse = ParseManifest(WithEntry(fields), kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"must name itself"}));
}

TEST(ManifestTest, MalformedPinFails) {
  ManifestParse parse = ParseManifest(
      WithEntry(R"("id": "x", "name": "X", "file": "x.pem", "role": "root", "issuer": "x",
                   "sha256": "abc", "published": "p")"),
      kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"64 hex digits"}));
}

TEST(ManifestTest, NonBooleanFlagFails) {
  ManifestParse parse =
      ParseManifest(WithEntry(std::string(kGoodFields) + R"(, "optional": "yes")"), kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"\"optional\"", "true or false"}));
}

TEST(ManifestTest, DuplicateIdFails) {
  std::string text = R"({"name": "n", "certificates": [{)" + std::string(kGoodFields) + "}, {" +
                     kGoodFields + "}]}";
  ManifestParse parse = ParseManifest(text, kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"certificates[1]", "duplicate id \"root-1\""}));
  EXPECT_EQ(parse.manifest.entries.size(), 1u);
}

TEST(ManifestTest, MissingNameAndCertificatesFail) {
  ManifestParse parse = ParseManifest("{}", kManifestPath);
  EXPECT_TRUE(AnyContains(parse.errors, {"\"name\""}));
  EXPECT_TRUE(AnyContains(parse.errors, {"\"certificates\""}));
}

TEST(ManifestTest, MissingManifestFileFails) {
  ManifestParse parse = LoadManifest("/nonexistent/gcatrust/manifest.json");
  EXPECT_TRUE(AnyContains(parse.errors, {"/nonexistent/gcatrust/manifest.json", "cannot open"}));
}

}  // namespace
}  // namespace gcatrust::embed::testing
