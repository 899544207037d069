// DynamicLibrary on Windows: a system DLL loads and its functions are found; a missing nss3.dll
// fails with a message that names it (what the NSS method reports when a Firefox has none).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "platform/dynamic_library.h"

namespace gcatrust {
namespace {

TEST(DynamicLibraryWin, SystemLibraryAndSymbol) {
  auto library = DynamicLibrary::Open("kernel32.dll");
  ASSERT_TRUE(library.ok()) << library.message();
  EXPECT_NE(library.value()->Symbol("GetTickCount"), nullptr);
  EXPECT_EQ(library.value()->Symbol("NoSuchFunctionAnywhere"), nullptr);
}

TEST(DynamicLibraryWin, MissingLibraryIsNotFound) {
  auto library = DynamicLibrary::Open("C:/no/such/Mozilla Firefox/nss3.dll");
  ASSERT_FALSE(library.ok());
  EXPECT_EQ(library.status().kind(), ErrorKind::kNotFound);
  EXPECT_NE(library.message().find("nss3.dll"), std::string::npos) << library.message();
}

TEST(DynamicLibraryWin, FileThatIsNoLibraryFails) {
  // A Firefox folder with a damaged nss3.dll (and a mozglue.dll, loaded first): an error, no crash.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / L"gcatrust 王 dll test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / L"nss3.dll") << "not a PE file";
  std::ofstream(dir / L"mozglue.dll") << "not a PE file either";
  auto library = DynamicLibrary::Open((dir / L"nss3.dll").u8string());
  EXPECT_FALSE(library.ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gcatrust
