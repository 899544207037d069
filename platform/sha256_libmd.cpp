// Linux: SHA-256 from libmd (Debian's libmd-dev, linked statically), a small, well-kept
// message-digest library, instead of hand-written crypto or a run-time OpenSSL.
#include <sha2.h>

#include <array>
#include <cstdio>

#include "platform/sha256.h"

namespace gcatrust {

std::string Sha256Hex(std::string_view data) {
  SHA2_CTX ctx;
  SHA256Init(&ctx);
  SHA256Update(&ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256Final(digest.data(), &ctx);
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
