// Counts per-target outcomes of a run and turns them into the exit code.
#ifndef GCATRUST_INSTALLER_TALLY_H_
#define GCATRUST_INSTALLER_TALLY_H_

#include "installer/options.h"
#include "installer/result.h"

namespace gcatrust {

struct Tally {
  int ok = 0;
  int failed = 0;
  int needs_admin = 0;
  int skipped_needs_admin = 0;  ///< --method auto: a policies target left alone without admin

  void Add(const Status& s) {
    int& counter = s.ok() ? ok : s.kind() == ErrorKind::kNeedsAdmin ? needs_admin : failed;
    ++counter;
  }
  void Add(const Tally& other) {
    ok += other.ok;
    failed += other.failed;
    needs_admin += other.needs_admin;
    skipped_needs_admin += other.skipped_needs_admin;
  }
  ExitCode Code() const {
    if (failed == 0 && needs_admin == 0) {
      // Nothing done at all because rights were missing is not success.
      return ok == 0 && skipped_needs_admin > 0 ? ExitCode::kNeedsAdmin : ExitCode::kOk;
    }
    if (ok > 0) return ExitCode::kPartial;
    return failed == 0 ? ExitCode::kNeedsAdmin : ExitCode::kFailed;
  }
};

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_TALLY_H_
