#include "embed/build_time.h"

#include <gtest/gtest.h>

namespace gcatrust::embed {
namespace {

TEST(BuildTimeTest, NowFlagWinsOverSourceDateEpoch) {
  Result<std::time_t> now = ResolveNow(std::string("100"), "200");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now.value(), 100);
}

TEST(BuildTimeTest, SourceDateEpochWinsOverTheClock) {
  Result<std::time_t> now = ResolveNow(std::nullopt, "1700000000");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now.value(), 1700000000);
}

TEST(BuildTimeTest, UnsetOrEmptySourceDateEpochMeansTheClock) {
  std::time_t before = std::time(nullptr);
  for (const char* value : {static_cast<const char*>(nullptr), ""}) {
    Result<std::time_t> now = ResolveNow(std::nullopt, value);
    ASSERT_TRUE(now.ok());
    EXPECT_GE(now.value(), before);
  }
}

TEST(BuildTimeTest, MalformedValuesAreErrors) {
  EXPECT_FALSE(ResolveNow(std::nullopt, "yesterday").ok());
  EXPECT_FALSE(ResolveNow(std::nullopt, "12 ").ok());
  EXPECT_FALSE(ResolveNow(std::string("-5"), nullptr).ok());
  Result<std::time_t> bad = ResolveNow(std::nullopt, "1.5");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("SOURCE_DATE_EPOCH"), std::string::npos);
}

}  // namespace
}  // namespace gcatrust::embed
