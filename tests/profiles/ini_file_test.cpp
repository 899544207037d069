// IniFile follows nsINIParser: comments, CRLF, BOM, malformed lines and verbatim values.
#include "installer/profiles/ini_file.h"

#include <gtest/gtest.h>

namespace gcatrust {
namespace {

TEST(IniFileTest, SectionsKeysAndOrder) {
  IniFile ini = IniFile::Parse(
      "[General]\nStartWithLastProfile=1\nVersion=2\n\n[Profile1]\nName=b\n[Profile0]\nName=a\n");
  EXPECT_EQ(ini.sections(), (std::vector<std::string>{"General", "Profile1", "Profile0"}));
  EXPECT_EQ(ini.Get("General", "Version"), "2");
  EXPECT_EQ(ini.Get("Profile0", "Name"), "a");
  EXPECT_EQ(ini.Get("Profile0", "Path"), std::nullopt);
  EXPECT_EQ(ini.Get("Nope", "Name"), std::nullopt);
}

TEST(IniFileTest, CrlfBomAndComments) {
  IniFile ini = IniFile::Parse(
      "\xEF\xBB\xBF; comment\r\n# another\r\n[Profile0]\r\n  Name=default\r\n;Path=no\r\n"
      "Path=Profiles/ab cd.預設\r\n");
  EXPECT_EQ(ini.sections(), std::vector<std::string>{"Profile0"});
  EXPECT_EQ(ini.Get("Profile0", "Name"), "default");  // leading whitespace skipped
  EXPECT_EQ(ini.Get("Profile0", "Path"), "Profiles/ab cd.預設");
}

TEST(IniFileTest, ValuesAreVerbatimAndLaterKeysWin) {
  IniFile ini = IniFile::Parse("[S]\nPath=a ;b = c \nPath=x=y\nEmpty=\n");
  EXPECT_EQ(ini.Get("S", "Path"), "x=y");  // split at the first '=' only
  EXPECT_EQ(IniFile::Parse("[S]\nPath=a ;b = c \n").Get("S", "Path"), "a ;b = c ");
  EXPECT_EQ(ini.Get("S", "Empty"), "");
}

TEST(IniFileTest, MalformedLinesAreSkipped) {
  IniFile ini = IniFile::Parse(
      "Outside=1\n[Good]\nA=1\n[Bad]junk\nB=2\n[Unclosed\nC=3\nno equals\n=novalue\n"
      "[Good]\nD=4\n[]\nE=5\n");
  EXPECT_EQ(ini.sections(), std::vector<std::string>{"Good"});
  EXPECT_EQ(ini.Get("Good", "A"), "1");
  EXPECT_EQ(ini.Get("Good", "D"), "4");  // a repeated section is the same section
  EXPECT_EQ(ini.Get("Good", "B"), std::nullopt);
  EXPECT_EQ(ini.Get("Good", "C"), std::nullopt);
  EXPECT_EQ(ini.Get("Good", "E"), std::nullopt);
}

TEST(IniFileTest, LongLinesAreNotSplit) {
  std::string path = "/home/王小明/";
  while (path.size() < 1000) path += "很長的資料夾名稱/";
  IniFile ini = IniFile::Parse("[Profile0]\nPath=" + path + "\nIsRelative=0\n");
  EXPECT_EQ(ini.Get("Profile0", "Path"), path);
  EXPECT_EQ(ini.Get("Profile0", "IsRelative"), "0");
}

TEST(IniFileTest, EmptyInput) { EXPECT_TRUE(IniFile::Parse("").sections().empty()); }

}  // namespace
}  // namespace gcatrust
