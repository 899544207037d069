// gcatrust list: the embedded certificates with their pinned fingerprints.
#include <nlohmann/json.hpp>

#include "installer/commands.h"
#include "installer/json_output.h"

namespace gcatrust {

ExitCode RunList(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx,
                 Lang lang) {
  if (o.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Certificate& c : certs) {
      list.push_back({{"id", c.id},
                      {"name", c.name},
                      {"role", c.role},
                      {"issuer", c.issuer_id},
                      {"subject", c.subject},
                      {"not_before", c.not_before},
                      {"not_after", c.not_after},
                      {"sha256", c.sha256},
                      {"published", c.published}});
    }
    ctx.out << JsonOutputText(nlohmann::ordered_json{{"certificates", list}}) << "\n";
    return ExitCode::kOk;
  }
  for (const Certificate& c : certs) {
    ctx.out << c.id << "  " << c.name << "\n"
            << "  " << Say(lang, msg::kListRole) << ": " << c.role << "\n"
            << "  " << Say(lang, msg::kListSubject) << ": " << c.subject << "\n"
            << "  " << Say(lang, msg::kListValidity) << ": " << c.not_before << " - " << c.not_after
            << "\n"
            << "  SHA-256: " << c.sha256 << "\n";
  }
  return ExitCode::kOk;
}

}  // namespace gcatrust
