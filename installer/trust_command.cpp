// install | uninstall | status: runs the chosen method(s) and combines their results.
// --method auto (the default) = policies where gcatrust may write them, plus NSS import into the
// profiles that exist now (policies cover profiles created later; NSS acts now and is the only
// way to take policy-imported certificates out of profiles again).
#include "installer/commands.h"
#include "installer/json_output.h"

namespace gcatrust {

namespace {

const char* CommandName(Command c) {
  return c == Command::kInstall ? "install" : c == Command::kUninstall ? "uninstall" : "status";
}

const char* MethodName(Method m) {
  return m == Method::kPolicies ? "policies" : m == Method::kNss ? "nss" : "auto";
}

}  // namespace

std::string NothingFoundText(const Options& o, Lang lang) {
  if (o.browsers.empty()) return Say(lang, msg::kNothingFound);
  std::string names;
  for (Browser b : o.browsers) names += (names.empty() ? "" : ",") + std::string(BrowserName(b));
  return Say(lang, msg::kNothingFoundSelected, {names});
}

ExitCode RunTrustCommand(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx,
                         Lang lang) {
  // Found once: both methods act on the same installations (the NSS method takes its library
  // from them).
  const auto installs = SelectInstallations(o, SystemRoot(o.root), ctx, lang);
  MethodReport policies, nss;
  if (o.method != Method::kNss) {
    policies = RunPoliciesMethod(o, certs, installs, ctx, lang,
                                 /*only_where_writable=*/o.method == Method::kAuto);
  }
  if (o.method != Method::kPolicies) nss = RunNssMethod(o, certs, installs, ctx, lang);

  Tally tally = policies.tally;
  tally.Add(nss.tally);
  const bool nothing = !policies.found && !nss.found;
  const ExitCode code = nothing ? ExitCode::kNothingFound : tally.Code();
  if (nothing && !o.json) ctx.err << NothingFoundText(o, lang) << "\n";
  if (o.json) {
    nlohmann::ordered_json j = {{"command", CommandName(o.command)},
                                {"method", MethodName(o.method)},
                                {"dry_run", o.dry_run}};
    nlohmann::ordered_json browsers = nlohmann::ordered_json::array();
    for (Browser b : kAllBrowsers) {
      if (BrowserSelected(o.browsers, b)) browsers.push_back(BrowserName(b));
    }
    j["browsers"] = browsers;
    if (o.method != Method::kNss) j["targets"] = policies.items;
    if (o.method != Method::kPolicies) j["profiles"] = nss.items;
    j["exit_code"] = static_cast<int>(code);
    ctx.out << JsonOutputText(j) << "\n";
  }
  return code;
}

}  // namespace gcatrust
