#include "tests/embed/manifest_fixture.h"

#include <fstream>
#include <random>

#include "embed/manifest.h"
#include "tests/embed/test_certificates.h"

namespace gcatrust::embed::testing {

bool AnyContains(const std::vector<std::string>& messages,
                 std::initializer_list<std::string> parts) {
  for (const std::string& message : messages) {
    bool all = true;
    for (const std::string& part : parts) all = all && message.find(part) != std::string::npos;
    if (all) return true;
  }
  return false;
}

void ManifestFixture::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::random_device random;
  dir_ = std::filesystem::temp_directory_path() /
         ("gcatrust-embed-" + std::string(info->name()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(dir_);
  manifest_ = {{"name", "test bundle"}, {"certificates", nlohmann::json::array()}};
}

void ManifestFixture::TearDown() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::filesystem::path ManifestFixture::WriteFile(const std::string& name,
                                                 const std::string& contents) {
  std::filesystem::path path = dir_ / name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

std::filesystem::path ManifestFixture::WriteFile(const std::string& name, const Bytes& contents) {
  return WriteFile(name, std::string(contents.begin(), contents.end()));
}

nlohmann::json& ManifestFixture::AddEntry(const std::string& id, const std::string& file,
                                          const std::string& role, const std::string& issuer,
                                          const Bytes& der_for_pin) {
  manifest_["certificates"].push_back({{"id", id},
                                       {"name", "Test " + id},
                                       {"file", file},
                                       {"role", role},
                                       {"issuer", issuer},
                                       {"sha256", Sha256Hex(der_for_pin)},
                                       {"published", "https://example.test/" + id}});
  return manifest_["certificates"].back();
}

nlohmann::json& ManifestFixture::AddPem(const std::string& id, X509* cert, const std::string& role,
                                        const std::string& issuer) {
  WriteFile(id + ".pem", ToPem(cert));
  return AddEntry(id, id + ".pem", role, issuer, ToDer(cert));
}

std::filesystem::path ManifestFixture::WriteManifest() {
  return WriteFile("manifest.json", manifest_.dump(2));
}

Verification ManifestFixture::Verify(std::time_t now) {
  ManifestParse parse = LoadManifest(WriteManifest());
  EXPECT_TRUE(parse.ok()) << (parse.errors.empty() ? "" : parse.errors.front());
  return VerifyCertificates(parse.manifest, now);
}

}  // namespace gcatrust::embed::testing
