#include "installer/messages.h"

#include <gtest/gtest.h>

#include "installer/pem.h"
#include "tests/support/fake_environment.h"

namespace gcatrust {
namespace {

TEST(Messages, SayFillsPlaceholdersInOrder) {
  EXPECT_EQ(Say(Lang::kEnglish, msg::kFailed, {"/a", "boom"}), "failed: /a: boom");
  EXPECT_EQ(Say(Lang::kTraditionalChinese, msg::kFailed, {"/a", "boom"}), "失敗：/a：boom");
}

TEST(Messages, LanguageFromLocaleFollowsPosixPrecedence) {
  FakeEnvironment env;
  EXPECT_EQ(LangFromLocale(env), Lang::kEnglish);
  env.variables["LANG"] = "zh_TW.UTF-8";
  EXPECT_EQ(LangFromLocale(env), Lang::kTraditionalChinese);
  env.variables["LC_ALL"] = "C.UTF-8";
  EXPECT_EQ(LangFromLocale(env), Lang::kEnglish);
  env.variables["LC_ALL"] = "";
  env.variables["LC_MESSAGES"] = "zh_TW";
  EXPECT_EQ(LangFromLocale(env), Lang::kTraditionalChinese);
}

TEST(Messages, ParseLang) {
  EXPECT_EQ(ParseLang("zh-TW"), Lang::kTraditionalChinese);
  EXPECT_EQ(ParseLang("en"), Lang::kEnglish);
  EXPECT_EQ(ParseLang("fr"), std::nullopt);
}

TEST(Pem, EncodesInLinesOf64WithPadding) {
  EXPECT_EQ(DerToPem("M"), "-----BEGIN CERTIFICATE-----\nTQ==\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(DerToPem("Ma"), "-----BEGIN CERTIFICATE-----\nTWE=\n-----END CERTIFICATE-----\n");
  const std::string pem = DerToPem(std::string(100, 'x'));
  EXPECT_NE(pem.find("\n" + std::string("eHh4") + "eHh4"), std::string::npos);
  const std::size_t first_line_end = pem.find('\n', 28);
  EXPECT_EQ(first_line_end - 28, 64u);
}

}  // namespace
}  // namespace gcatrust
