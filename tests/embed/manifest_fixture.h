// A scratch folder with a manifest and certificate files, built up by each test.
#ifndef GCATRUST_TESTS_EMBED_MANIFEST_FIXTURE_H_
#define GCATRUST_TESTS_EMBED_MANIFEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "embed/certificate_checks.h"
#include "embed/openssl_util.h"

namespace gcatrust::embed::testing {

/// True if some message contains every one of `parts` (a file name and a reason, usually).
bool AnyContains(const std::vector<std::string>& messages,
                 std::initializer_list<std::string> parts);

class ManifestFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Writes `contents` to `name` in the scratch folder; returns the full path.
  std::filesystem::path WriteFile(const std::string& name, const std::string& contents);
  std::filesystem::path WriteFile(const std::string& name, const Bytes& contents);

  /// Adds a manifest entry; the pin defaults to the SHA-256 of `der_for_pin`. Returns the
  /// entry so a test can set "optional", "keep_expired" or break a field.
  nlohmann::json& AddEntry(const std::string& id, const std::string& file, const std::string& role,
                           const std::string& issuer, const Bytes& der_for_pin);

  /// Writes `cert` as PEM to "<id>.pem" and adds it under `id`.
  nlohmann::json& AddPem(const std::string& id, X509* cert, const std::string& role,
                         const std::string& issuer);

  /// Writes the manifest; returns its path.
  std::filesystem::path WriteManifest();

  /// Writes and parses the manifest (which must be well-formed) and verifies it at `now`.
  Verification Verify(std::time_t now);

  std::filesystem::path dir_;
  nlohmann::json manifest_;
};

}  // namespace gcatrust::embed::testing

#endif  // GCATRUST_TESTS_EMBED_MANIFEST_FIXTURE_H_
