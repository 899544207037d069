#include "installer/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "version.h"

namespace gcatrust {

std::variant<Options, ExitCode> ParseCommandLine(int argc, const char* const* argv,
                                                 std::ostream& out, std::ostream& err) {
  Options o;
  CLI::App app{
      "gcatrust: make Firefox trust Taiwan's Government PKI (GRCA, GCA), offline.\n"
      "gcatrust：讓 Firefox 信任政府憑證（GRCA、GCA），不需網路。",
      "gcatrust"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the command: gcatrust install --dry-run

  const std::map<std::string, Method> methods{
      {"policies", Method::kPolicies}, {"nss", Method::kNss}, {"auto", Method::kAuto}};
  app.add_option("--method", o.method,
                 "auto (default: policies where allowed + NSS profiles) | policies | nss")
      ->transform(CLI::CheckedTransformer(methods, CLI::ignore_case));
  app.add_flag("--dry-run", o.dry_run, "Print the plan, change nothing / 只列出計畫，不做變更");
  app.add_flag("--json", o.json, "Machine-readable output / JSON 輸出");
  // Paths arrive as UTF-8 (platform/entry_point_*.cpp) and become fs::path through u8path: a
  // plain std::string -> path conversion would read them in the ANSI code page on Windows.
  std::string root;
  std::vector<std::string> firefox_dirs, profile_dirs;
  std::string export_dir;
  auto existing_directory = [](const std::string& dir) -> std::string {
    std::error_code ec;
    return std::filesystem::is_directory(std::filesystem::u8path(dir), ec)
               ? std::string()
               : "Directory does not exist: " + dir;
  };
  app.add_option("--root", root, "Act on a mounted system image / 作用於掛載的系統映像")
      ->check(existing_directory);
  app.add_option("--firefox", firefox_dirs,
                 "Only this Firefox installation directory (repeatable) / 只處理此 Firefox 目錄");
  app.add_option("--profile", profile_dirs,
                 "Only this Firefox profile directory (repeatable) / 只處理此設定檔");
  std::vector<std::string> browsers;
  app.add_option("--browser", browsers,
                 "firefox | thunderbird | chromium (repeatable or comma list; default: every one "
                 "found) / 只處理這些瀏覽器")
      ->delimiter(',')
      ->check([](const std::string& name) {
        return ParseBrowser(name) ? std::string() : "unknown browser: " + name;
      });
  const std::map<std::string, TargetOs> target_oses{
      {"linux", TargetOs::kLinux}, {"windows", TargetOs::kWindows}, {"macos", TargetOs::kMacos}};
  TargetOs target_os = TargetOs::kLinux;
  auto* target_os_option =
      app.add_option("--target-os", target_os,
                     "Layout of the --root image: linux | windows | macos (default: this OS) / "
                     "映像的作業系統")
          ->transform(CLI::CheckedTransformer(target_oses, CLI::ignore_case));
  app.add_flag("--registry", o.registry,
               "Windows: write the registry policy (HKLM\\SOFTWARE\\Policies\\Mozilla\\Firefox) "
               "/ Windows：寫入登錄政策");
  std::string lang;
  app.add_option("--lang", lang, "en | zh-TW (default: from the locale / 預設依語系)")
      ->check(CLI::IsMember({"en", "zh-TW", "zh_TW"}));

  const std::pair<const char*, const char*> simple[] = {
      {"list", "List the embedded certificates / 列出內嵌的憑證"},
      {"detect",
       "Show Firefox installations and the policies file each reads / 顯示 Firefox 與其政策檔"},
      {"install", "Make Firefox trust the certificates / 讓 Firefox 信任憑證"},
      {"uninstall", "Remove exactly what install added / 移除 install 加入的項目"},
      {"status", "Show what is installed / 顯示安裝狀態"}};
  const std::map<std::string, Command> commands{
      {"list", Command::kList},           {"detect", Command::kDetect},
      {"install", Command::kInstall},     {"uninstall", Command::kUninstall},
      {"status", Command::kStatus},       {"export", Command::kExport},
      {"nss-worker", Command::kNssWorker}};
  for (const auto& [name, help] : simple) app.add_subcommand(name, help);
  // Internal: the child process that loads a Firefox's NSS (hidden from --help).
  app.add_subcommand("nss-worker", "")->group("");
  CLI::App* exp = app.add_subcommand("export", "Write the certificates to DIR / 匯出憑證到目錄");
  exp->add_option("DIR", export_dir, "Destination directory / 目的目錄")->required();
  bool der = false, pem = false;
  auto* der_flag = exp->add_flag("--der", der, "DER files (default) / DER 格式（預設）");
  exp->add_flag("--pem", pem, "PEM files / PEM 格式")->excludes(der_flag);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e, out, err);
    return rc == 0 ? ExitCode::kOk : ExitCode::kUsage;
  }
  for (CLI::App* sub : app.get_subcommands()) o.command = commands.at(sub->get_name());
  if (!lang.empty()) o.lang = ParseLang(lang);
  if (target_os_option->count() > 0) o.target_os = target_os;
  if (pem) o.export_format = ExportFormat::kPem;
  for (const std::string& name : browsers) {
    const Browser b = *ParseBrowser(name);
    if (std::find(o.browsers.begin(), o.browsers.end(), b) == o.browsers.end()) {
      o.browsers.push_back(b);
    }
  }
  for (const auto& dir : firefox_dirs) {
    o.firefox_dirs.push_back(std::filesystem::absolute(std::filesystem::u8path(dir)));
  }
  for (const auto& dir : profile_dirs) {
    o.profile_dirs.push_back(std::filesystem::absolute(std::filesystem::u8path(dir)));
  }
  if (!root.empty()) o.root = std::filesystem::absolute(std::filesystem::u8path(root));
  if (!export_dir.empty()) o.export_dir = std::filesystem::u8path(export_dir);
  return o;
}

}  // namespace gcatrust
