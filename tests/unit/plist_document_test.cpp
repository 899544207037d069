#include "installer/plist_document.h"

#include <gtest/gtest.h>

namespace gcatrust {
namespace {

// As `defaults write` / plistlib write it: header, DOCTYPE, tab indents.
const char kAdminPlist[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>EnterprisePoliciesEnabled</key>
	<true/>
	<key>Homepage</key>
	<dict>
		<key>URL</key>
		<string>https://intra.example/?a=1&amp;b=&lt;2&gt;</string>
		<key>Locked</key>
		<false/>
	</dict>
	<key>Certificates</key>
	<dict>
		<key>Install</key>
		<array>
			<string>/Users/Shared/政府.der</string>
		</array>
	</dict>
	<key>Count</key>
	<integer>-3</integer>
	<key>Ratio</key>
	<real>1.5</real>
	<key>Empty</key>
	<string></string>
	<key>List</key>
	<array/>
</dict>
</plist>
)";

TEST(PlistDocument, ReadsEveryTypeFirefoxPoliciesUse) {
  auto doc = ParsePlist(kAdminPlist);
  ASSERT_TRUE(doc.ok()) << doc.message();
  const auto& d = doc.value();
  EXPECT_EQ(d["EnterprisePoliciesEnabled"], true);
  EXPECT_EQ(d["Homepage"]["URL"], "https://intra.example/?a=1&b=<2>");
  EXPECT_EQ(d["Homepage"]["Locked"], false);
  EXPECT_EQ(d["Certificates"]["Install"][0], "/Users/Shared/政府.der");
  EXPECT_EQ(d["Count"], -3);
  EXPECT_TRUE(d["Ratio"].is_number_float());
  EXPECT_EQ(d["Empty"], "");
  EXPECT_TRUE(d["List"].is_array());
  EXPECT_EQ(d.begin().key(), "EnterprisePoliciesEnabled") << "key order kept";
}

TEST(PlistDocument, WritesWhatItReads) {
  auto doc = ParsePlist(kAdminPlist);
  ASSERT_TRUE(doc.ok());
  const std::string text = SerializePlist(doc.value());
  EXPECT_EQ(text, kAdminPlist) << "the same layout as Apple's writers";
  auto again = ParsePlist(text);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), doc.value());
}

TEST(PlistDocument, RefusesWhatItCannotKeepExactly) {
  for (const char* bad : {
           "bplist00\x01\x02",
           "<plist version=\"1.0\"><dict><key>A</key><data>AAEC</data></dict></plist>",
           "<plist "
           "version=\"1.0\"><dict><key>A</key><date>2020-01-01T00:00:00Z</date></dict></plist>",
           "<plist version=\"1.0\"><array/></plist>",
           "<plist version=\"1.0\"><dict><key>A</key></dict></plist>",
           "<plist version=\"1.0\"><dict><key>A</key><string>x</dict></plist>",
           "<plist version=\"1.0\"><dict/></plist> trailing",
           "<dict/>",
           "<plist><dict><key>A</key><integer>1x</integer></dict></plist>",
       }) {
    EXPECT_FALSE(ParsePlist(bad).ok()) << bad;
  }
  EXPECT_NE(ParsePlist("bplist00").message().find("plutil -convert xml1"), std::string::npos);
}

}  // namespace
}  // namespace gcatrust
