// The INI files Firefox keeps beside and inside profiles (profiles.ini, installs.ini,
// compatibility.ini), read the way Firefox itself reads them.
//
// Why not a library: Debian 12's libinih-dev (inih r55) is the small, well-kept candidate, but
// its libinih.a is built with inih's defaults: lines over INI_MAX_LINE = 200 bytes are split
// into two lines (an absolute profile path with CJK characters, 3 bytes each, easily passes
// that), ';' starts an inline comment (Firefox has none, so "Path=a ;b" would lose " ;b"), and
// lines that start with whitespace continue the previous value (Firefox trims them). Those are
// compile-time options, so using it would mean vendoring its source for both Linux and the
// mingw-w64 build (Debian has no mingw inih). Firefox's own format is tiny, so this file
// follows nsINIParser::InitFromString (xpcom/ds/nsINIParser.cpp) instead, line for line.
#ifndef GCATRUST_INSTALLER_PROFILES_INI_FILE_H_
#define GCATRUST_INSTALLER_PROFILES_INI_FILE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gcatrust {

class IniFile {
 public:
  /// Never fails: like nsINIParser, malformed lines are skipped. Rules (nsINIParser.cpp):
  /// a UTF-8 BOM is skipped; lines end at CR or LF; a line whose first byte is ';' or '#' is
  /// a comment; leading spaces and tabs are ignored; "[Name]" (nothing but whitespace after
  /// ']') opens a section, a malformed header closes the current one; "key=value" splits at
  /// the first '=' with the value kept verbatim; a repeated key overwrites; lines outside a
  /// section are ignored. A section named twice is one section.
  static IniFile Parse(std::string_view text);

  /// Section names in the order they first appear.
  const std::vector<std::string>& sections() const { return order_; }
  std::optional<std::string> Get(const std::string& section, const std::string& key) const;

 private:
  std::vector<std::string> order_;
  std::map<std::string, std::map<std::string, std::string>> values_;
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PROFILES_INI_FILE_H_
