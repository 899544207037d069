// Spelling arbitrary bytes as C++ source that every compiler reads the same way.
#ifndef GCATRUST_EMBED_CPP_LITERAL_H_
#define GCATRUST_EMBED_CPP_LITERAL_H_

#include <string>
#include <string_view>

namespace gcatrust::embed {

/// A quoted narrow string literal holding exactly the bytes of `text`. Printable ASCII stays
/// readable; everything else becomes a three-digit octal escape, which (unlike \x) can never
/// swallow a following hex-looking character, and does not depend on the source charset.
std::string CppStringLiteral(std::string_view text);

}  // namespace gcatrust::embed

#endif  // GCATRUST_EMBED_CPP_LITERAL_H_
