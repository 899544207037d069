#include "installer/app.h"

#include "installer/commands.h"

namespace gcatrust {

ExitCode RunCommand(const Options& options, const std::vector<Certificate>& certs,
                    AppContext& ctx) {
  const Lang lang = options.lang.value_or(LangFromLocale(ctx.env));
  switch (options.command) {
    case Command::kList:
      return RunList(options, certs, ctx, lang);
    case Command::kExport:
      return RunExport(options, certs, ctx, lang);
    case Command::kDetect:
      return RunDetect(options, ctx, lang);
    case Command::kInstall:
    case Command::kUninstall:
    case Command::kStatus:
      return RunTrustCommand(options, certs, ctx, lang);
    case Command::kNssWorker:
      break;  // main runs the worker before any of this
  }
  return ExitCode::kUsage;
}

}  // namespace gcatrust
