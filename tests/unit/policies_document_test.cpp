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
