// The policies method of install | uninstall | status: one line per policies target.
#include <nlohmann/json.hpp>

#include "installer/commands.h"
#include "installer/failpoint.h"
#include "installer/policy_layouts.h"
#include "installer/policy_plan.h"
#include "installer/policy_targets.h"
#include "installer/registry_policy.h"

namespace gcatrust {

namespace {

using Json = nlohmann::ordered_json;

std::string JoinDirs(const std::vector<fs::path>& dirs) {
  std::string joined;
  for (const fs::path& d : dirs) joined += (joined.empty() ? "" : ", ") + d.u8string();
  return joined;
}

const Text& ActionText(ActionKind kind) {
  switch (kind) {
    case ActionKind::kMakeDirectory:
      return msg::kActionMakeDirectory;
    case ActionKind::kWriteFile:
      return msg::kActionWriteFile;
    case ActionKind::kRemoveFile:
      return msg::kActionRemoveFile;
    case ActionKind::kRemoveEmptyDirectory:
      return msg::kActionRemoveEmptyDirectory;
  }
  return msg::kActionWriteFile;
}

const char* ActionName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kMakeDirectory:
      return "mkdir";
    case ActionKind::kWriteFile:
      return "write";
    case ActionKind::kRemoveFile:
      return "remove";
    case ActionKind::kRemoveEmptyDirectory:
      return "rmdir-if-empty";
  }
  return "?";
}

const char* EditName(RegistryEditKind kind) {
  switch (kind) {
    case RegistryEditKind::kCreateKey:
      return "reg-create-key";
    case RegistryEditKind::kSetValue:
      return "reg-set-value";
    case RegistryEditKind::kDeleteValue:
      return "reg-delete-value";
    case RegistryEditKind::kDeleteEmptyKey:
      return "reg-delete-key";
  }
  return "?";
}

std::string EditLine(Lang lang, const RegistryEdit& e) {
  std::string key = MachineKeyName(e.key);  // not const: returned by move
  switch (e.kind) {
    case RegistryEditKind::kCreateKey:
      return Say(lang, msg::kActionCreateKey, {key});
    case RegistryEditKind::kSetValue:
      return Say(lang, msg::kActionSetValue, {key, e.name, e.data});
    case RegistryEditKind::kDeleteValue:
      return Say(lang, msg::kActionDeleteValue, {key, e.name});
    case RegistryEditKind::kDeleteEmptyKey:
      return Say(lang, msg::kActionDeleteKey, {key});
  }
  return key;
}

class Runner {
 public:
  Runner(const Options& o, const std::vector<Certificate>& certs, AppContext& ctx, Lang lang,
         bool only_where_writable)
      : o_(o),
        certs_(certs),
        ctx_(ctx),
        lang_(lang),
        root_(o.root),
        os_(EffectiveTargetOs(o)),
        only_where_writable_(only_where_writable) {}

  MethodReport Run(const std::vector<FirefoxInstallation>& installs) {
    report_.found = !installs.empty();
    if (os_ == TargetOs::kWindows && ctx_.registry != nullptr && !installs.empty()) {
      auto opened = ctx_.registry->OpenMachine(root_);
      if (opened.ok()) {
        registry_ = std::move(opened).value();
      } else if (o_.registry || opened.status().kind() != ErrorKind::kNotFound) {
        // Without the registry gcatrust cannot tell which policies Firefox reads: stop.
        PolicyTarget t;
        t.policies_file = fs::u8path(MachineKeyName(kInstallPolicyKey));
        report_.items.push_back(ReportError(Describe(t), t, opened.status()));
        return std::move(report_);
      }
    }
    auto targets =
        ChooseLayoutTargets(os_, installs, ctx_.fs, ctx_.env, root_, registry_.get(), o_.registry);
    if (!targets.ok()) {
      PolicyTarget t;
      t.policies_file = fs::u8path(MachineKeyName(kInstallPolicyKey));
      report_.items.push_back(ReportError(Describe(t), t, targets.status()));
      return std::move(report_);
    }
    if (o_.command == Command::kUninstall && os_ == TargetOs::kLinux) {
      for (PolicyTarget& left : LeftoverSystemTargets(targets.value(), ctx_.fs, root_)) {
        if (!BrowserSelected(o_.browsers, left.app)) continue;
        targets.value().push_back(std::move(left));
        report_.found = true;
      }
    }
    for (const PolicyTarget& target : targets.value()) {
      report_.items.push_back(o_.command == Command::kStatus ? Status(target) : Change(target));
    }
    return std::move(report_);
  }

 private:
  Json Describe(const PolicyTarget& t) const {
    Json installs = Json::array();
    for (const fs::path& d : t.installations) installs.push_back(d.u8string());
    return {{"app", BrowserName(t.app)},
            {"policies_file", t.policies_file.u8string()},
            {"format", t.format == PolicyFormat::kWindowsRegistry ? "registry"
                       : t.format == PolicyFormat::kMacPlist      ? "plist"
                                                                  : "json"},
            {"cert_dir", t.cert_dir.u8string()},
            {"installations", installs}};
  }

  /// The installations a target serves, or that none is left (LeftoverSystemTargets).
  std::string InstallationsText(const PolicyTarget& t) const {
    if (t.installations.empty())
      return Say(lang_, msg::kNoLongerInstalled, {BrowserDisplayName(t.app)});
    return JoinDirs(t.installations);
  }

  void Line(const std::string& line, bool problem = false) {
    if (!o_.json) (problem ? ctx_.err : ctx_.out) << line << "\n";
  }

  Json ReportError(Json j, const PolicyTarget& t, const gcatrust::Status& error) {
    const std::string file = t.policies_file.u8string();
    if (only_where_writable_ && error.kind() == ErrorKind::kNeedsAdmin) {
      Line(Say(lang_, msg::kPoliciesSkippedNotAdmin, {file}));
      ++report_.tally.skipped_needs_admin;
      j["result"] = "skipped-needs-admin";
      return j;
    }
    report_.tally.Add(error);
    Line(error.kind() == ErrorKind::kNeedsAdmin
             ? Say(lang_, ctx_.env.ElevatesByUac() ? msg::kNeedsAdminElevation : msg::kNeedsAdmin,
                   {file}) +
                   " (" + error.message() + ")"
             : Say(lang_, msg::kFailed, {file, error.message()}),
         /*problem=*/true);
    j["result"] = error.kind() == ErrorKind::kNeedsAdmin ? "needs-admin" : "failed";
    j["error"] = error.message();
    return j;
  }

  Json Change(const PolicyTarget& t) {
    const bool install = o_.command == Command::kInstall;
    auto make_plan = [&] {
      return install ? PlanInstall(t, certs_, ctx_.fs, root_, registry_.get())
                     : PlanUninstall(t, certs_, ctx_.fs, root_, registry_.get());
    };
    TargetPlan plan = make_plan();
    Json j = Describe(t);
    if (!plan.error.ok()) return ReportError(std::move(j), t, plan.error);

    const std::string file = t.policies_file.u8string();
    const std::string dirs = InstallationsText(t);
    Json actions = Json::array();
    for (const Action& a : plan.actions) {
      actions.push_back({{"action", ActionName(a.kind)}, {"path", a.host_path.u8string()}});
    }
    for (const RegistryEdit& e : plan.registry_edits) {
      Json edit = {{"action", EditName(e.kind)}, {"key", MachineKeyName(e.key)}};
      if (!e.name.empty()) edit["name"] = e.name;
      if (e.kind == RegistryEditKind::kSetValue) edit["data"] = e.data;
      actions.push_back(edit);
    }
    if (registry_) j["registry"] = registry_->Describe();
    j["actions"] = actions;
    if (install && !PlanIsEmpty(plan)) {
      Json shadowed = Json::array();
      for (const fs::path& f : t.shadowed_files) {
        Line(Say(lang_, msg::kShadowsDistribution, {file, f.u8string()}), /*problem=*/true);
        shadowed.push_back(f.u8string());
      }
      j["shadows"] = shadowed;
    }

    if (PlanIsEmpty(plan)) {
      report_.tally.Add(gcatrust::Status::Ok());
      Line(Say(lang_, install ? msg::kAlreadyInstalled : msg::kNotInstalled, {file, dirs}));
      j["result"] = "unchanged";
      return j;
    }
    if (o_.dry_run) {
      report_.tally.Add(gcatrust::Status::Ok());
      Line(Say(lang_, msg::kWouldChange, {file, dirs}));
      const auto files = [&] {
        for (const Action& a : plan.actions) {
          Line(Say(lang_, ActionText(a.kind), {a.host_path.u8string()}));
        }
      };
      if (install) files();
      for (const RegistryEdit& e : plan.registry_edits) Line(EditLine(lang_, e));
      if (!install) files();
      j["result"] = "would-change";
      return j;
    }
    // Someone else changed policies.json between our read and our write: merge into what is
    // there now (a few times; a file that keeps changing is reported, and left as it is).
    constexpr int kAttempts = 5;
    for (int attempt = 1;; ++attempt) {
      Failpoint("policies.planned");
      bool conflict = false;
      gcatrust::Status s = ApplyPlan(plan, install, ctx_.fs, registry_.get(), &conflict);
      if (s.ok()) break;
      if (!conflict || attempt == kAttempts) return ReportError(std::move(j), t, s);
      plan = make_plan();
      if (!plan.error.ok()) return ReportError(std::move(j), t, plan.error);
      if (PlanIsEmpty(plan)) break;
      Json replanned = Json::array();
      for (const Action& a : plan.actions) {
        replanned.push_back({{"action", ActionName(a.kind)}, {"path", a.host_path.u8string()}});
      }
      j["actions"] = replanned;
    }
    // A run killed while writing these may have left its temp files; uninstall leaves nothing.
    if (!install) {
      ctx_.fs.RemoveStaleTempFiles(root_.Host(t.policies_file));
      ctx_.fs.RemoveStaleTempFiles(BackupPath(root_.Host(t.policies_file)));
    }
    report_.tally.Add(gcatrust::Status::Ok());
    const std::string app = BrowserDisplayName(t.app);
    Line(install ? Say(lang_, msg::kInstalled, {file, std::to_string(certs_.size()), dirs, app})
                 : Say(lang_, msg::kUninstalled, {file, dirs, app}));
    j["result"] = "changed";
    return j;
  }

  Json Status(const PolicyTarget& t) {
    TargetStatus st = InspectTarget(t, certs_, ctx_.fs, root_, registry_.get());
    Json j = Describe(t);
    if (!st.error.ok()) return ReportError(std::move(j), t, st.error);
    report_.tally.Add(gcatrust::Status::Ok());
    const std::string file = t.policies_file.u8string();
    const std::string dirs = InstallationsText(t);
    std::string missing;
    for (const std::string& id : st.missing_ids) missing += (missing.empty() ? "" : ", ") + id;
    if (st.missing_ids.empty()) {
      Line(Say(lang_, msg::kStatusInstalled, {file, std::to_string(certs_.size()), dirs}));
      j["result"] = "installed";
    } else if (st.present_ids.empty()) {
      Line(Say(lang_, msg::kStatusNotInstalled, {file, dirs}));
      j["result"] = "not-installed";
    } else {
      Line(Say(lang_, msg::kStatusPartial, {file, dirs, missing}));
      j["result"] = "partial";
    }
    j["present"] = st.present_ids;
    j["missing"] = st.missing_ids;
    return j;
  }

  const Options& o_;
  const std::vector<Certificate>& certs_;
  AppContext& ctx_;
  Lang lang_;
  SystemRoot root_;
  TargetOs os_;
  bool only_where_writable_;
  std::unique_ptr<PolicyRegistry> registry_;
  MethodReport report_;
};

}  // namespace

MethodReport RunPoliciesMethod(const Options& o, const std::vector<Certificate>& certs,
                               const std::vector<FirefoxInstallation>& installs, AppContext& ctx,
                               Lang lang, bool only_where_writable) {
  return Runner(o, certs, ctx, lang, only_where_writable).Run(installs);
}

}  // namespace gcatrust
