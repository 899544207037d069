"""Small shared helpers: timestamped logging, checks that say what they saw, system-file guard."""

import os
import pwd
import signal
import time
import traceback

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


def exit_code_of(body):
    """Runs a standalone test's body: its return value, SKIP_CODE for Skip, 1 for a failed check
    or any other exception (printed with its trace)."""
    try:
        return body()
    except Skip as e:
        log("SKIP: %s" % e)
        return SKIP_CODE
    except CheckFailed as e:
        log("FAILED: %s" % e)
        return 1
    except Exception:  # noqa: BLE001 — anything else is a failure, with its trace
        traceback.print_exc()
        return 1


def note(msg):
    """Something worth reporting that the contract does not decide."""
    log("  note  %s" % msg)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


# ---------------------------------------------------------------------------------------------
# Another identity: the tests that need an unprivileged user run as `nobody` (setpriv, as root).

class Account:
    """uid, gid and name of a local account; prefix() runs a command as it (needs root)."""

    def __init__(self, name):
        pw = pwd.getpwnam(name)
        self.name, self.uid, self.gid = pw.pw_name, pw.pw_uid, pw.pw_gid

    def prefix(self):
        return ["setpriv", "--reuid=%d" % self.uid, "--regid=%d" % self.gid, "--clear-groups", "--"]

    def chown_tree(self, path):
        """Gives `path` and everything below it (links themselves, not their targets) to the account."""
        os.lchown(path, self.uid, self.gid)
        for root, dirs, files in os.walk(path):
            for n in dirs + files:
                os.lchown(os.path.join(root, n), self.uid, self.gid)


def unprivileged_account(name="nobody"):
    """The account to switch to, or Skip when this process cannot switch (not root, no setpriv)."""
    if os.geteuid() != 0:
        raise Skip("needs root to run gcatrust and Firefox as %s" % name)
    if not any(os.access(os.path.join(d, "setpriv"), os.X_OK) for d in os.environ.get("PATH", "").split(":")):
        raise Skip("needs setpriv (util-linux)")
    try:
        return Account(name)
    except KeyError:
        raise Skip("no account %s" % name)


def open_to_all(path):
    """Lets other users traverse `path` (mkdtemp makes 0700 folders) without giving them write
    access; its parents (/tmp) already let them."""
    os.chmod(path, os.stat(path).st_mode | 0o711)


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

