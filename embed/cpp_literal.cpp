#include "embed/cpp_literal.h"

namespace gcatrust::embed {

std::string CppStringLiteral(std::string_view text) {
  std::string literal = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte == '"' || byte == '\\') {
      literal += '\\';
      literal += c;
    } else if (byte == '?') {
      literal += "\\?";  // no "??x" trigraph, even for pre-C++17 tools reading the file
    } else if (byte >= 0x20 && byte < 0x7f) {
      literal += c;
    } else {
      literal += '\\';
      literal += static_cast<char>('0' + ((byte >> 6) & 7));
      literal += static_cast<char>('0' + ((byte >> 3) & 7));
      literal += static_cast<char>('0' + (byte & 7));
    }
  }
  literal += '"';
  return literal;
}

}  // namespace gcatrust::embed
