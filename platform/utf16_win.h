// Windows: UTF-8 <-> UTF-16 for the wide-character APIs, and Win32 error texts in UTF-8.
// gcatrust keeps every string in UTF-8 (so the core never sees UTF-16); only platform/*_win.cpp
// touch UTF-16.
#ifndef GCATRUST_PLATFORM_UTF16_WIN_H_
#define GCATRUST_PLATFORM_UTF16_WIN_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace gcatrust {

std::wstring WideFromUtf8(std::string_view utf8);
std::string Utf8FromWide(std::wstring_view wide);
/// FormatMessageW's text for a GetLastError() code, without the trailing line break.
std::string WindowsErrorText(std::uint32_t code);

}  // namespace gcatrust

#endif  // GCATRUST_PLATFORM_UTF16_WIN_H_
