#include "installer/commands.h"

namespace gcatrust {

std::vector<FirefoxInstallation> SelectInstallations(const Options& o, const SystemRoot& root,
                                                     AppContext& ctx, Lang lang) {
  if (o.firefox_dirs.empty()) return DiscoverFirefox(ctx.fs, ctx.env, root);
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
