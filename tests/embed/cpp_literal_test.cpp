#include "embed/cpp_literal.h"

#include <gtest/gtest.h>

namespace gcatrust::embed {
namespace {

TEST(CppLiteralTest, KeepsPrintableAscii) {
  EXPECT_EQ(CppStringLiteral("O=Government Root,C=TW"), "\"O=Government Root,C=TW\"");
}

TEST(CppLiteralTest, EscapesQuotesBackslashesAndQuestionMarks) {
  EXPECT_EQ(CppStringLiteral("a\"b\\c?"
                             "?=d"),
            R"("a\"b\\c\?\?=d")");
}

TEST(CppLiteralTest, WritesEveryOtherByteAsThreeOctalDigits) {
  EXPECT_EQ(CppStringLiteral("\n\x01"), R"("\012\001")");
  // "政" is E6 94 BF; octal escapes stop after three digits, so the hex-looking "abc" that
  // follows cannot be swallowed the way "\xbfabc" would be.
  EXPECT_EQ(CppStringLiteral("\xe6\x94\xbf"
                             "abc"),
            R"("\346\224\277abc")");
}

TEST(CppLiteralTest, CompilerReadsBackTheSameBytes) {
  // The escaped form of this text, pasted as a literal, is this text again.
  const char kUtf8[] = "\346\224\277\345\272\234 \"q\" \\ ?";
  EXPECT_EQ(CppStringLiteral(kUtf8), R"("\346\224\277\345\272\234 \"q\" \\ \?")");
  EXPECT_EQ(std::string("\346\224\277\345\272\234"), std::string(u8"政府"));
}

}  // namespace
}  // namespace gcatrust::embed
