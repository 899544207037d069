#include "installer/commands.h"
#include "installer/policy_layouts.h"

namespace gcatrust {

std::vector<FirefoxInstallation> SelectInstallations(const Options& o, const SystemRoot& root,
                                                     AppContext& ctx, Lang lang) {
  if (o.firefox_dirs.empty()) {
    // Another OS's image: that OS's fixed places (this system's environment knows only its own).
    const TargetOs os = EffectiveTargetOs(o);
    if (os != HostTargetOs()) return DiscoverFirefoxAt(ctx.fs, LayoutInstallCandidates(os), root);
    return DiscoverFirefox(ctx.fs, ctx.env, root);
  }
  std::vector<FirefoxInstallation> chosen;
  for (const fs::path& dir : o.firefox_dirs) {
    if (IsFirefoxInstallation(ctx.fs, root.Host(dir))) {
      chosen.push_back({dir, InstallKind::kOnPath});
    } else {
      ctx.err << Say(lang, msg::kNotAFirefox, {dir.u8string()}) << "\n";
    }
  }
  return chosen;
}

}  // namespace gcatrust
