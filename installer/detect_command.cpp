// gcatrust detect: the Firefox and Thunderbird installations found and the policies file each
// actually reads, and whether a Chromium (reading each user's shared NSS database) is installed.
#include <nlohmann/json.hpp>

#include "installer/commands.h"
#include "installer/json_output.h"
#include "installer/policy_layouts.h"
#include "installer/policy_targets.h"
#include "installer/profiles/profile_users.h"
#include "installer/shared_nss_db.h"

namespace gcatrust {

ExitCode RunDetect(const Options& o, AppContext& ctx, Lang lang) {
  const SystemRoot root(o.root);
  const auto installs = SelectInstallations(o, root, ctx, lang);
  const TargetOs os = EffectiveTargetOs(o);
  std::unique_ptr<PolicyRegistry> registry;
  if (os == TargetOs::kWindows && ctx.registry != nullptr) {
    auto opened = ctx.registry->OpenMachine(root);
    if (opened.ok()) registry = std::move(opened).value();
  }
  auto chosen =
      ChooseLayoutTargets(os, installs, ctx.fs, ctx.env, root, registry.get(), o.registry);
  const std::vector<PolicyTarget> targets =
      chosen.ok() ? std::move(chosen).value() : std::vector<PolicyTarget>{};
  auto policies_file_of = [&](const fs::path& dir) {
    for (const PolicyTarget& t : targets) {
      for (const fs::path& d : t.installations) {
        if (d == dir) return t.policies_file;
      }
    }
    return fs::path();
  };

  nlohmann::ordered_json found = nlohmann::ordered_json::array();
  for (const FirefoxInstallation& i : installs) {
    const fs::path policies = policies_file_of(i.dir);
    if (o.json) {
      found.push_back({{"dir", i.dir.u8string()},
                       {"app", BrowserName(i.app)},
                       {"kind", InstallKindName(i.kind)},
                       {"policies_file", policies.u8string()},
                       {"policies_file_exists", ctx.fs.Exists(root.Host(policies))}});
    } else {
      const std::string kind = std::string(i.app == Browser::kThunderbird ? "Thunderbird, " : "") +
                               InstallKindName(i.kind);
      ctx.out << Say(lang, msg::kDetected, {i.dir.u8string(), kind, policies.u8string()}) << "\n";
    }
  }

  // Chromium: no installation of its own to act on, but each user's shared database.
  nlohmann::ordered_json chromium = nullptr;
  bool chromium_found = false;
  if (o.firefox_dirs.empty() && BrowserSelected(o.browsers, Browser::kChromium)) {
    const fs::path marker = FindChromium(ctx.fs, ctx.env, root);
    const auto dbs = FindSharedNssDbs(ctx.fs, ctx.env, root, UsersToScan(ctx.fs, ctx.env, root));
    chromium_found = !marker.empty() || !dbs.empty();
    if (chromium_found) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const FirefoxProfile& db : dbs) {
        list.push_back({{"dir", db.dir.u8string()},
                        {"user", db.owner.name},
                        {"exists", db.db != NssDbFormat::kNone}});
      }
      const auto layout = ctx.env.ChromiumSharedNssDb();
      const std::string in_home = "~/" + (layout ? layout->db_in_home.u8string() : "");
      chromium = {{"installed", marker.u8string()}, {"shared_nss_dbs", list}};
      if (!o.json) {
        ctx.out << Say(lang, msg::kDetectedChromium,
                       {marker.empty() ? "?" : marker.u8string(), in_home})
                << "\n";
      }
    }
  }
  if (o.json) {
    nlohmann::ordered_json j{{"installations", found}};
    if (chromium_found) j["chromium"] = chromium;
    ctx.out << JsonOutputText(j) << "\n";
  }
  if (installs.empty() && !chromium_found) {
    if (!o.json) ctx.err << NothingFoundText(o, lang) << "\n";
    return ExitCode::kNothingFound;
  }
  return ExitCode::kOk;
}

}  // namespace gcatrust
