#include "installer/commands.h"
#include "installer/policy_layouts.h"

namespace gcatrust {

std::vector<FirefoxInstallation> SelectInstallations(const Options& o, const SystemRoot& root,
                                                     AppContext& ctx, Lang lang) {
  if (o.firefox_dirs.empty()) {
    // Another OS's image: that OS's fixed places (this system's environment knows only its own).
    const TargetOs os = EffectiveTargetOs(o);
    if (os != HostTargetOs()) return DiscoverFirefoxAt(ctx.fs, LayoutInstallCandidates(os), root);
    return DiscoverInstallations(ctx.fs, ctx.env, root, o.browsers);
  }
  std::vector<FirefoxInstallation> chosen;
  for (const fs::path& dir : o.firefox_dirs) {
    // --firefox also takes a Thunderbird installation: the same layout and policies engine.
    if (std::optional<Browser> app = InstalledApp(ctx.fs, root.Host(dir))) {
      chosen.push_back({dir, InstallKind::kOnPath, *app});
    } else {
      ctx.err << Say(lang, msg::kNotAFirefox, {dir.u8string()}) << "\n";
    }
  }
  return chosen;
}

}  // namespace gcatrust
