// gcatrust detect: the Firefox installations found and the policies file each actually reads.
#include <nlohmann/json.hpp>

#include "installer/commands.h"
#include "installer/policy_layouts.h"
#include "installer/policy_targets.h"

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
                       {"kind", InstallKindName(i.kind)},
                       {"policies_file", policies.u8string()},
                       {"policies_file_exists", ctx.fs.Exists(root.Host(policies))}});
    } else {
      ctx.out << Say(lang, msg::kDetected,
                     {i.dir.u8string(), InstallKindName(i.kind), policies.u8string()})
              << "\n";
    }
  }
  if (o.json)
    ctx.out << nlohmann::ordered_json{{"installations", found}}.dump(2, ' ', false) << "\n";
  if (installs.empty()) {
    if (!o.json) ctx.err << Say(lang, msg::kNothingFound) << "\n";
    return ExitCode::kNothingFound;
  }
  return ExitCode::kOk;
}

}  // namespace gcatrust
