"""Small shared helpers: timestamped logging, checks that say what they saw, system-file guard."""

import os
import signal
import time

_T0 = time.monotonic()


def log(msg):
    print("[%7.2fs] %s" % (time.monotonic() - _T0, msg), flush=True)


class CheckFailed(AssertionError):
    pass


class Skip(Exception):
    """Raised when the test cannot run here; the harness exits with SKIP_CODE."""


SKIP_CODE = 77


def check(cond, what, detail=""):
    """Records and prints one check; raises on failure so later steps do not run on a bad state."""
    if cond:
        log("  ok    %s" % what)
        return
    msg = "%s%s" % (what, (" — " + detail) if detail else "")
    log("  FAIL  %s" % msg)
    raise CheckFailed(msg)


def note(msg):
    """Something worth reporting that the contract does not decide."""
    log("  note  %s" % msg)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


# ---------------------------------------------------------------------------------------------
# /etc/firefox/policies/policies.json shadows every installation's distribution/policies.json.
# The tests move it aside for their duration and always put it back.

SYSTEM_POLICIES = "/etc/firefox/policies/policies.json"
_ASIDE_SUFFIX = ".gcatrust-e2e-aside"


def _restore_stale_aside():
    aside = SYSTEM_POLICIES + _ASIDE_SUFFIX
    if os.path.exists(aside) and not os.path.exists(SYSTEM_POLICIES):
        log("restoring %s left aside by an interrupted earlier run" % SYSTEM_POLICIES)
        os.rename(aside, SYSTEM_POLICIES)


class SystemPoliciesGuard:
    """Moves the system-wide policies.json aside (if any) and restores it on exit, on SIGTERM/SIGINT
    too. With GCATRUST_E2E_SYSTEM_POLICIES=skip the test is skipped instead of touching it."""

    def __init__(self):
        self.moved = False
        self._old_handlers = {}

    def __enter__(self):
        _restore_stale_aside()
        if not os.path.lexists(SYSTEM_POLICIES):
            log("guard: %s absent — distribution/policies.json is what Firefox reads" % SYSTEM_POLICIES)
            return self
        if os.environ.get("GCATRUST_E2E_SYSTEM_POLICIES") == "skip":
            raise Skip("%s exists and shadows distribution/policies.json "
                       "(GCATRUST_E2E_SYSTEM_POLICIES=skip)" % SYSTEM_POLICIES)
        if not os.access(os.path.dirname(SYSTEM_POLICIES), os.W_OK):
            raise Skip("%s exists, shadows distribution/policies.json, and this user cannot move it aside"
                       % SYSTEM_POLICIES)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            self._old_handlers[sig] = signal.signal(sig, self._on_signal)
        os.rename(SYSTEM_POLICIES, SYSTEM_POLICIES + _ASIDE_SUFFIX)
        self.moved = True
        log("guard: moved %s aside for this test (restored at the end)" % SYSTEM_POLICIES)
        return self

    @staticmethod
    def _on_signal(signum, _frame):
        raise SystemExit("signal %d" % signum)

    def __exit__(self, *exc):
        if self.moved:
            if os.path.lexists(SYSTEM_POLICIES):
                # Something (gcatrust?) created a new one meanwhile: keep it for inspection.
                os.rename(SYSTEM_POLICIES, SYSTEM_POLICIES + ".gcatrust-e2e-created")
                log("guard: WARNING a new %s appeared during the test; kept as %s" % (
                    SYSTEM_POLICIES, SYSTEM_POLICIES + ".gcatrust-e2e-created"))
            os.rename(SYSTEM_POLICIES + _ASIDE_SUFFIX, SYSTEM_POLICIES)
            log("guard: restored %s" % SYSTEM_POLICIES)
        for sig, h in self._old_handlers.items():
            signal.signal(sig, h)
        return False

