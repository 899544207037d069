// gcatrust export DIR: each embedded certificate as its own file (DER by default, or PEM),
// for the admins who distribute them through other means.
#include <nlohmann/json.hpp>

#include "installer/commands.h"
#include "installer/json_output.h"
#include "installer/pem.h"

namespace gcatrust {

ExitCode RunExport(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx,
                   Lang lang) {
  const bool pem = o.export_format == ExportFormat::kPem;
  if (Status s = ctx.fs.MakeDirectories(o.export_dir); !s.ok()) {
    ctx.err << Say(lang, msg::kFailed, {o.export_dir.u8string(), s.message()}) << "\n";
    return s.kind() == ErrorKind::kNeedsAdmin ? ExitCode::kNeedsAdmin : ExitCode::kFailed;
  }
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const Certificate& c : certs) {
    const fs::path file = o.export_dir / (c.id + (pem ? ".pem" : ".der"));
    if (Status s = ctx.fs.WriteFileAtomic(file, pem ? DerToPem(c.der) : c.der); !s.ok()) {
      ctx.err << Say(lang, msg::kFailed, {file.u8string(), s.message()}) << "\n";
      return ExitCode::kFailed;
    }
    files.push_back(file.u8string());
    if (!o.json) ctx.out << Say(lang, msg::kExported, {file.u8string()}) << "\n";
  }
  if (o.json) ctx.out << JsonOutputText(nlohmann::ordered_json{{"exported", files}}) << "\n";
  return ExitCode::kOk;
}

}  // namespace gcatrust
