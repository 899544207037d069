// Windows: SHA-256 from CNG (bcrypt.dll, part of Windows since Vista), so gcatrust.exe needs no
// crypto library of its own. BCryptCreateHash/HashData/FinishHash rather than the one-shot
// BCryptHash, which only Windows 10 has.
#include <windows.h>
// windows.h first: bcrypt.h needs its types.
#include <bcrypt.h>

#include <array>
#include <stdexcept>

#include "platform/sha256.h"

namespace gcatrust {

std::string Sha256Hex(std::string_view data) {
  BCRYPT_ALG_HANDLE algorithm = nullptr;
  BCRYPT_HASH_HANDLE hash = nullptr;
  std::array<unsigned char, 32> digest{};
  bool ok = BCRYPT_SUCCESS(
                BCryptOpenAlgorithmProvider(&algorithm, BCRYPT_SHA256_ALGORITHM, nullptr, 0)) &&
            BCRYPT_SUCCESS(BCryptCreateHash(algorithm, &hash, nullptr, 0, nullptr, 0, 0));
  // BCryptHashData takes a ULONG length: feed large inputs in pieces.
  std::string_view rest = data;
  while (ok && !rest.empty()) {
    const ULONG piece = static_cast<ULONG>(std::min<size_t>(rest.size(), 1u << 30));
    ok = BCRYPT_SUCCESS(
        BCryptHashData(hash, reinterpret_cast<PUCHAR>(const_cast<char*>(rest.data())), piece, 0));
    rest.remove_prefix(piece);
  }
  ok = ok && BCRYPT_SUCCESS(BCryptFinishHash(hash, digest.data(), digest.size(), 0));
  if (hash != nullptr) BCryptDestroyHash(hash);
  if (algorithm != nullptr) BCryptCloseAlgorithmProvider(algorithm, 0);
  // Only a broken Windows lacks SHA-256; main's catch reports it.
  if (!ok) throw std::runtime_error("SHA-256 is not available (bcrypt.dll)");
  std::string hex;
  hex.reserve(digest.size() * 2);
  static const char kHex[] = "0123456789abcdef";
  for (unsigned char b : digest) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0xf]);
  }
  return hex;
}

}  // namespace gcatrust
