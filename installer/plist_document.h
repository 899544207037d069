// XML property lists (Apple's PropertyList-1.0 DTD) as JSON values, for Firefox's macOS policies
// in /Library/Preferences/org.mozilla.firefox.plist (macOSPoliciesParser.sys.mjs reads the
// org.mozilla.firefox preference domain; policy-templates mac/README.md). dict -> object (key
// order kept), array -> array, string -> string, true/false -> bool, integer -> integer,
// real -> float. A binary plist ("bplist00") and the <data>/<date> types are refused with a clear
// error rather than guessed at: gcatrust never rewrites what it cannot read back exactly.
#ifndef GCATRUST_INSTALLER_PLIST_DOCUMENT_H_
#define GCATRUST_INSTALLER_PLIST_DOCUMENT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "installer/result.h"

namespace gcatrust {

/// The top-level <dict> of an XML plist.
Result<nlohmann::ordered_json> ParsePlist(std::string_view text);

/// An XML plist of a JSON object, in the layout `defaults`/plutil write (tab indents).
std::string SerializePlist(const nlohmann::ordered_json& dict);

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_PLIST_DOCUMENT_H_
