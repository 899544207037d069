#include "installer/policies_document.h"

#include <gtest/gtest.h>

namespace gcatrust {
namespace {

TEST(PoliciesDocument, MalformedJsonIsAnError) {
  EXPECT_FALSE(ParsePolicies("{\"policies\": {").ok());
  EXPECT_FALSE(ParsePolicies("").ok());
  EXPECT_FALSE(ParsePolicies("{\"policies\": {},}").ok());
}

TEST(PoliciesDocument, WrongShapesAreErrors) {
  EXPECT_FALSE(ParsePolicies("[]").ok());
  EXPECT_FALSE(ParsePolicies(R"({"policies": []})").ok());
  EXPECT_FALSE(ParsePolicies(R"({"policies": {"Certificates": "x"}})").ok());
  EXPECT_FALSE(ParsePolicies(R"({"policies": {"Certificates": {"Install": "a.der"}}})").ok());
  EXPECT_FALSE(ParsePolicies(R"({"policies": {"Certificates": {"Install": [1]}}})").ok());
}

TEST(PoliciesDocument, AddKeepsOtherPoliciesAndEntriesInOrder) {
  auto doc = ParsePolicies(
      R"({"policies": {"DisableTelemetry": true,
          "Certificates": {"ImportEnterpriseRoots": true, "Install": ["/admin/x.der"]},
          "Homepage": {"URL": "https://例子.tw/"}}})");
  ASSERT_TRUE(doc.ok());
  PoliciesJson d = doc.value();
  EXPECT_TRUE(AddInstallEntries(d, {"/g/a.der", "/g/b.der"}));
  EXPECT_EQ(InstallEntries(d), (std::vector<std::string>{"/admin/x.der", "/g/a.der", "/g/b.der"}));
  EXPECT_EQ(d["policies"]["Certificates"]["ImportEnterpriseRoots"], true);
  EXPECT_EQ(d["policies"]["Homepage"]["URL"], "https://例子.tw/");
  // Key order is kept.
  std::vector<std::string> keys;
  for (const auto& [k, v] : d["policies"].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"DisableTelemetry", "Certificates", "Homepage"}));
}

TEST(PoliciesDocument, AddTwiceIsNoChange) {
  PoliciesJson d = EmptyPolicies();
  EXPECT_TRUE(AddInstallEntries(d, {"/g/a.der"}));
  EXPECT_FALSE(AddInstallEntries(d, {"/g/a.der"}));
  EXPECT_EQ(InstallEntries(d).size(), 1u);
}

TEST(PoliciesDocument, RemoveTakesOnlyOurEntriesAndEmptyContainers) {
  PoliciesJson d = EmptyPolicies();
  AddInstallEntries(d, {"/g/a.der"});
  EXPECT_TRUE(RemoveInstallEntries(d, {"/g/a.der"}));
  EXPECT_EQ(d, EmptyPolicies());

  auto kept =
      ParsePolicies(R"({"policies": {"Certificates": {"Install": ["/admin/x.der", "/g/a.der"]}}})");
  PoliciesJson k = kept.value();
  EXPECT_TRUE(RemoveInstallEntries(k, {"/g/a.der"}));
  EXPECT_EQ(InstallEntries(k), (std::vector<std::string>{"/admin/x.der"}));
  EXPECT_FALSE(RemoveInstallEntries(k, {"/g/a.der"}));
}

TEST(PoliciesDocument, SameButEmptyContainers) {
  const auto same = [](const char* a, const char* b) {
    return SamePoliciesButEmptyContainers(PoliciesJson::parse(a), PoliciesJson::parse(b));
  };
  EXPECT_TRUE(same(R"({"x": 1})", R"({"x": 1, "policies": {}})"));
  EXPECT_TRUE(same(R"({"policies": {"Certificates": {"Install": []}}})", R"({})"));
  EXPECT_TRUE(same(R"({"policies": {"A": 1, "Certificates": {}}})", R"({"policies": {"A": 1}})"));
  EXPECT_FALSE(same(R"({"policies": {"Certificates": {"Install": ["a"]}}})", R"({})"));
  EXPECT_FALSE(same(R"({"policies": {"Certificates": {"X": true}}})", R"({})"));
  EXPECT_FALSE(same(R"({"x": 1})", R"({"x": 2})"));
}

TEST(PoliciesDocument, SerializeKeepsUtf8AndEndsWithNewline) {
  auto doc = ParsePolicies(R"({"policies": {"Homepage": {"URL": "https://政府.tw"}}})");
  const std::string text = SerializePolicies(doc.value());
  EXPECT_NE(text.find("https://政府.tw"), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(ParsePolicies(text).value(), doc.value());
}

}  // namespace
}  // namespace gcatrust

namespace gcatrust {
namespace {

// ParsePolicies builds the document with its own SAX handler (fast on wide objects); it must be
// the document nlohmann's own parser makes, duplicates and all.
TEST(PoliciesDocument, ParsesLikeTheStockParser) {
  const char* samples[] = {
      R"({"policies": {"b": 1, "a": [1, -2, 3.5, 1e300, 18446744073709551615, true, null]}})",
      R"({"policies": {"x": {"y": {"z": []}}, "w": {}}, "after": "\u738b \"q\""})",
      R"({"a": 1, "b": {"c": 2}, "a": {"d": [3]}, "b": 4})",  // duplicates: first place, last value
      R"({"policies": {"Certificates": {"Install": ["/x.der", "/y.der"]}}})",
      R"([{"a": [{}, [], [[{"b": null}]]]}])",
  };
  for (const char* text : samples) {
    auto parsed = ParsePolicies(text);
    auto stock = PoliciesJson::parse(text);
    if (!stock.is_object()) {
      EXPECT_FALSE(parsed.ok()) << text;
      continue;
    }
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.message();
    EXPECT_EQ(parsed.value(), stock) << text;
    EXPECT_EQ(SerializePolicies(parsed.value()), SerializePolicies(stock)) << text;
  }
  for (const char* bad : {"", "{", R"({"a": 1,})", R"({"a" 1})", "[1, 2", "{} {}", "nul"}) {
    EXPECT_FALSE(ParsePolicies(bad).ok()) << bad;
  }
}

TEST(PoliciesDocument, WideObjectsKeepEveryKeyInOrder) {
  std::string text = R"({"policies": {"Preferences": {)";
  for (int i = 0; i < 20000; ++i) text += (i ? "," : "") + ("\"k" + std::to_string(i) + "\": 1");
  text += "}}}";
  auto parsed = ParsePolicies(text);
  ASSERT_TRUE(parsed.ok());
  const auto& prefs = parsed.value()["policies"]["Preferences"];
  ASSERT_EQ(prefs.size(), 20000u);
  EXPECT_EQ(prefs.begin().key(), "k0");
  EXPECT_EQ(std::prev(prefs.end()).key(), "k19999");
}

}  // namespace
}  // namespace gcatrust
