#include "installer/app.h"

#include "installer/commands.h"
#include "installer/image_file_system.h"

namespace gcatrust {

namespace {

ExitCode Dispatch(const Options& options, const std::vector<Certificate>& certs, AppContext& ctx) {
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

}  // namespace

ExitCode RunCommand(const Options& options, const std::vector<Certificate>& certs,
                    AppContext& ctx) {
  if (options.root.empty()) return Dispatch(options, certs, ctx);
  // --root: every file of the image is seen through the image's own links (image_file_system.h).
  ImageFileSystem image_fs(ctx.fs, options.root);
  AppContext image_ctx{image_fs, ctx.env, ctx.out, ctx.err, ctx.nss, ctx.registry};
  return Dispatch(options, certs, image_ctx);
}

}  // namespace gcatrust
