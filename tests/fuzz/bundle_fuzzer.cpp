// Fuzz target: the embedded-bundle decoder (installer/certificate_bundle.h), fed a damaged
// bundle of every kind: any zlib stream, any declared size and checksum, any index. The last
// bytes of the input choose the index and which fields are right (the harness computes right
// checksums itself, so the fuzzer reaches the index checks); the rest is the bundle, stored
// as given or compressed first. Properties: no crash or out-of-bounds read; an accepted bundle
// is exactly what the index and fingerprints describe; a refusal says the bundle is damaged.
#include <fuzzer/FuzzedDataProvider.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "installer/certificate_bundle.h"
#include "platform/sha256.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// Upper bound of a declared size the harness lets through: the real bundle is ~8 KiB, and
// DecodeBundle allocates the declared size before inflating (it trusts its own build).
constexpr std::size_t kMaxDeclaredSize = 1 << 20;

// What the stream inflates to, up to kMaxDeclaredSize; nothing if it is not a whole stream.
std::string Inflate(const std::string& compressed) {
  std::string out(kMaxDeclaredSize, '\0');
  uLongf out_size = static_cast<uLongf>(out.size());
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &out_size,
                 reinterpret_cast<const Bytef*>(compressed.data()),
                 static_cast<uLong>(compressed.size())) != Z_OK) {
    return {};
  }
  out.resize(out_size);
  return out;
}

std::string Deflate(const std::string& raw) {
  std::string out(compressBound(static_cast<uLong>(raw.size())), '\0');
  uLongf out_size = static_cast<uLongf>(out.size());
  compress(reinterpret_cast<Bytef*>(out.data()), &out_size,
           reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()));
  out.resize(out_size);
  return out;
}

std::size_t PickOffsetOrSize(FuzzedDataProvider& in, std::size_t raw_size) {
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0:
      return in.ConsumeIntegralInRange<std::size_t>(0, raw_size);
    case 1:  // just past the end
      return raw_size + in.ConsumeIntegralInRange<std::size_t>(0, 2);
    case 2:  // wraps around when added to an offset
      return std::numeric_limits<std::size_t>::max() - in.ConsumeIntegral<std::uint8_t>();
    default:
      return in.ConsumeIntegral<std::size_t>();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 16) return 0;
  // The parameters come from the last 16 bytes, so they do not shift the bundle bytes.
  FuzzedDataProvider params(data + size - 16, 16);
  const std::string payload(reinterpret_cast<const char*>(data), size - 16);

  const bool compress_payload = params.ConsumeBool();
  const std::string compressed = compress_payload ? Deflate(payload) : payload;
  const std::string raw = compress_payload ? payload : Inflate(compressed);

  gcatrust::BundleView view;
  view.name = "fuzz";
  view.compressed = reinterpret_cast<const unsigned char*>(compressed.data());
  view.compressed_size = compressed.size();
  view.size = params.ConsumeBool()
                  ? raw.size()
                  : params.ConsumeIntegralInRange<std::size_t>(0, kMaxDeclaredSize);
  view.sha256 = params.ConsumeBool() ? gcatrust::Sha256Hex(raw) : std::string(64, 'a');

  // Index: each record points somewhere (or nowhere) in the uncompressed bundle.
  static const char* const kIds[] = {"grca1", "grca2", "gca2", "grca3", "cross"};
  const std::size_t count = params.ConsumeIntegralInRange<std::size_t>(0, 5);
  std::vector<std::string> fingerprints(count);
  std::vector<gcatrust::embedded::CertRecord> records(count);
  for (std::size_t i = 0; i < count; ++i) {
    gcatrust::embedded::CertRecord& r = records[i];
    r = {kIds[i],
         "name",
         "root",
         kIds[i],
         "CN=x",
         "2000-01-01T00:00:00Z",
         "2040-01-01T00:00:00Z",
         nullptr,
         "https://example.invalid/",
         0,
         0};
    r.offset = PickOffsetOrSize(params, raw.size());
    r.size = PickOffsetOrSize(params, raw.size());
    const bool in_range = r.offset <= raw.size() && r.size <= raw.size() - r.offset;
    fingerprints[i] = in_range && params.ConsumeBool()
                          ? gcatrust::Sha256Hex(raw.substr(r.offset, r.size))
                          : std::string(64, '0');
    r.sha256 = fingerprints[i].c_str();
  }
  view.records = records.data();
  view.record_count = records.size();

  gcatrust::Result<std::vector<gcatrust::Certificate>> decoded = gcatrust::DecodeBundle(view);
  if (!decoded.ok()) {
    FUZZ_CHECK(decoded.message().find("damaged") != std::string::npos);
    return 0;
  }
  // Accepted: the stream, size and checksum were right, and so was every record.
  FUZZ_CHECK(view.size == raw.size() && view.sha256 == gcatrust::Sha256Hex(raw));
  const std::vector<gcatrust::Certificate>& certs = decoded.value();
  FUZZ_CHECK(certs.size() == count);
  for (std::size_t i = 0; i < count; ++i) {
    FUZZ_CHECK(certs[i].id == records[i].id);
    FUZZ_CHECK(certs[i].der == raw.substr(records[i].offset, records[i].size));
    FUZZ_CHECK(gcatrust::Sha256Hex(certs[i].der) == certs[i].sha256);
  }
  return 0;
}
