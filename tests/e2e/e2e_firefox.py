"""Firefox for the end-to-end tests: a private copy of the installation, fresh profiles with the
network chatter turned off, bounded headless starts, and the trust verdict from the local server.
"""

import os
import shutil
import signal
import subprocess
import time

from e2e_server import ChainServer
from e2e_util import log

FIREFOX_DIR = os.environ.get("GCATRUST_E2E_FIREFOX_DIR", "/usr/lib/firefox-esr")

# Prefs that keep a test profile off the (closed) network so no start waits on it.
_DEAD = "http://127.0.0.1:9/"
USER_JS_PREFS = {
    # updates, first-run pages
    "app.update.auto": False,
    "app.update.disabledForTesting": True,
    "app.update.staging.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.aboutwelcome.enabled": False,
    "startup.homepage_welcome_url": "",
    "startup.homepage_welcome_url.additional": "",
    "browser.newtabpage.enabled": False,
    "browser.newtabpage.activity-stream.feeds.topsites": False,
    "browser.newtabpage.activity-stream.feeds.section.topstories": False,
    "browser.newtabpage.activity-stream.feeds.snippets": False,
    "browser.topsites.contile.enabled": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.systemAddon.update.enabled": False,
    "extensions.blocklist.enabled": False,
    "browser.sessionstore.resume_from_crash": False,
    "toolkit.startup.max_resumed_crashes": -1,
    # telemetry
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "datareporting.usage.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.archive.enabled": False,
    "toolkit.telemetry.server": _DEAD,
    "browser.ping-centre.telemetry": False,
    "app.normandy.enabled": False,
    "app.shield.optoutstudies.enabled": False,
    "browser.discovery.enabled": False,
    # captive portal / connectivity
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    # safe browsing
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "browser.safebrowsing.provider.google4.updateURL": "",
    "browser.safebrowsing.provider.google.updateURL": "",
    # remote settings (honoured with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment)
    "services.settings.server": _DEAD + "v1",
    "security.remote_settings.crlite_filters.enabled": False,
    "security.remote_settings.intermediates.enabled": False,
    "security.certerrors.mitm.priming.enabled": False,
    # certificate checks that would go to the network
    "security.OCSP.enabled": 0,
    "security.pki.crlite_mode": 0,
    # region / geo / media plugins / search
    "browser.region.network.url": "",
    "browser.region.update.enabled": False,
    "browser.search.geoip.url": "",
    "geo.enabled": False,
    "geo.provider.network.url": "",
    "media.gmp-manager.url": "",
    "media.gmp-gmpopenh264.enabled": False,
    "media.gmp-gmpopenh264.autoupdate": False,
    "media.gmp-widevinecdm.enabled": False,
    # no prefetching; everything but the local test server goes to a dead proxy, no failover
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.predictor.enabled": False,
    "network.http.speculative-parallel-limit": 0,
    "network.trr.mode": 5,
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
    "network.proxy.allow_hijacking_localhost": False,
    "network.proxy.failover_direct": False,
}


def _js(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return '"%s"' % v.replace("\\", "\\\\").replace('"', '\\"')


class FirefoxCopy:
    """A copy of the Firefox installation under `parent`: runs as its own installation and reads its
    own distribution/policies.json (when /etc/firefox/policies/policies.json does not exist)."""

    def __init__(self, parent, name="firefox", distribution_link=False):
        self.dir = os.path.join(parent, name)
        t = time.monotonic()
        subprocess.run(["cp", "-a", FIREFOX_DIR, self.dir], check=True)
        dist = os.path.join(self.dir, "distribution")
        if os.path.lexists(dist) and (os.path.islink(dist) or not os.path.isdir(dist)):
            os.remove(dist)   # Debian's relative link dangles in the copy
        if distribution_link:
            # As Debian ships it: distribution is a symlink to a real folder elsewhere.
            real = os.path.join(parent, name + "-distribution-real")
            os.makedirs(real, exist_ok=True)
            if os.path.isdir(dist) and not os.path.islink(dist):
                shutil.rmtree(dist)
            os.symlink(real, dist)
            self.distribution_target = real
        else:
            os.makedirs(dist, exist_ok=True)
            self.distribution_target = dist
        self.exe = os.path.join(self.dir, "firefox-esr")
        if not os.path.exists(self.exe):
            self.exe = os.path.join(self.dir, "firefox")
        log("firefox copy: %s (%.1fs)" % (self.dir, time.monotonic() - t))

    @property
    def distribution(self):
        return os.path.join(self.dir, "distribution")

    @property
    def policies_json(self):
        return os.path.join(self.distribution, "policies.json")

    @property
    def certificates_dir(self):
        return os.path.join(self.distribution, "certificates")


class Sandbox:
    """Per-test scratch space: HOME, profiles, screenshots, logs. With `owner` (an
    e2e_util.Account) HOME and new profiles belong to that account, for Firefox run as it."""

    def __init__(self, parent, owner=None):
        self.parent = parent
        self.owner = owner
        self.home = os.path.join(parent, "home")
        os.makedirs(os.path.join(self.home, "tmp"), exist_ok=True)
        if owner:
            owner.chown_tree(self.home)
        self._n = 0

    def new_profile(self, tag, path=None):
        """A profile folder holding only the test user.js: `path`, or a new one in the sandbox."""
        self._n += 1
        p = path or os.path.join(self.parent, "profile-%02d-%s" % (self._n, tag))
        os.makedirs(p)
        with open(os.path.join(p, "user.js"), "w") as f:
            for k, v in USER_JS_PREFS.items():
                f.write('user_pref("%s", %s);\n' % (k, _js(v)))
        if self.owner:
            self.owner.chown_tree(p)
        return p

    def env(self):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "TMPDIR": os.path.join(self.home, "tmp"),
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
            "XDG_DATA_HOME": os.path.join(self.home, ".local", "share"),
            "XDG_RUNTIME_DIR": os.path.join(self.home, "tmp"),
            "LANG": "C.UTF-8",
            "MOZ_HEADLESS": "1",
            "MOZ_CRASHREPORTER_DISABLE": "1",
            "MOZ_REMOTE_SETTINGS_DEVTOOLS": "1",
            "MOZ_DISABLE_AUTO_SAFE_MODE": "1",
        }
        return env


def _pids_under(path):
    """Processes whose executable lies under `path` (leftovers of our own Firefox copy)."""
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            exe = os.readlink("/proc/%s/exe" % d)
        except OSError:
            continue
        if exe.startswith(path.rstrip("/") + "/"):
            pids.append(int(d))
    return pids


def _kill_group(proc, copy_dir):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(3)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        log("firefox: WARNING pid %d did not end after SIGKILL" % proc.pid)
    # Anything of this copy that escaped the group (all started by this run); group members
    # that got SIGKILL may take a moment to disappear from /proc.
    t = time.monotonic()
    while _pids_under(copy_dir) and time.monotonic() - t < 3:
        time.sleep(0.1)
    for pid in _pids_under(copy_dir):
        try:
            os.kill(pid, signal.SIGKILL)
            log("firefox: killed leftover pid %d" % pid)
        except ProcessLookupError:
            pass


def _firefox_cmd(copy, sandbox, profile, url, shot):
    cmd = [copy.exe, "--headless", "-no-remote", "-profile", profile]
    cmd += ["--screenshot", shot, url] if shot else [url]
    if sandbox.owner:
        cmd = sandbox.owner.prefix() + cmd
    log("firefox: start %s" % " ".join(cmd))
    return cmd


def run_firefox(copy, sandbox, profile, url, timeout=25.0, until=None, tag="run"):
    """Starts the copy headless on `url` in its own process group (as the sandbox's owner, if it
    has one); returns when `until()` is true, when Firefox exits by itself, or after `timeout`
    seconds — then ends the whole group. Returns (exited_by_itself, seconds)."""
    shot = os.path.join(sandbox.parent, "%s.png" % tag)
    logf = os.path.join(sandbox.parent, "%s.firefox.log" % tag)
    cmd = _firefox_cmd(copy, sandbox, profile, url, shot)
    t0 = time.monotonic()
    with open(logf, "wb") as lf:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=lf, stderr=subprocess.STDOUT,
                                env=sandbox.env(), cwd=sandbox.home, start_new_session=True)
        exited = False
        try:
            while time.monotonic() - t0 < timeout:
                if proc.poll() is not None:
                    exited = True
                    break
                if until is not None and until():
                    break
                time.sleep(0.1)
        finally:
            _kill_group(proc, copy.dir)
    dt = time.monotonic() - t0
    log("firefox: %s after %.1fs (exit %s); log %s" % (
        "exited by itself" if exited else ("stopped" if dt < timeout else "timed out, stopped"),
        dt, proc.returncode, logf))
    return exited, dt


def show_log_tail(sandbox, tag, lines=30):
    path = os.path.join(sandbox.parent, "%s.firefox.log" % tag)
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return
    for line in text[-lines:]:
        log("    firefox| %s" % line)


def trust_verdict(copy, sandbox, chain, key, tag, timeout=25.0, profile=None):
    """A fresh profile (or the given one) loads https://127.0.0.1:PORT/ from a server sending `chain`.
    Returns ('trusted'|'untrusted'|'no-verdict', what the server saw, the profile dir)."""
    profile = profile or sandbox.new_profile(tag)
    with ChainServer(chain, key, tag, lifetime=timeout + 10) as srv:
        run_firefox(copy, sandbox, profile, srv.url, timeout=timeout,
                    until=lambda: srv.verdict() is not None, tag=tag)
        v = srv.verdict(grace=0.0) or "no-verdict"
        summary = srv.summary()
    log("verdict[%s]: %s (server saw: %s)" % (tag, v, summary))
    if v == "no-verdict":
        show_log_tail(sandbox, tag)
    return v, summary, profile


def profile_locked(profile):
    """True when some process holds a POSIX lock on <profile>/.parentlock, as Firefox does while
    it runs on the profile (read from /proc/locks, so nothing here takes or drops a lock)."""
    try:
        st = os.stat(os.path.join(profile, ".parentlock"))
        with open("/proc/locks") as f:
            locks = f.read().splitlines()
    except OSError:
        return False
    for line in locks:
        fields = line.split()
        # "1: POSIX  ADVISORY  WRITE 1234 fd:00:5678 0 EOF" (blocked waiters have "->" first)
        if len(fields) >= 6 and fields[1] == "POSIX" and fields[5].rsplit(":", 1)[-1] == str(st.st_ino):
            return True
    return False


class RunningFirefox:
    """Firefox kept running (headless, on about:blank) on `profile` for the `with` block, as a user
    would leave it open; the block starts once Firefox holds the profile lock and its cert9.db."""

    def __init__(self, copy, sandbox, profile, tag="running", timeout=30.0):
        self.copy, self.sandbox, self.profile, self.tag, self.timeout = copy, sandbox, profile, tag, timeout
        self.proc = None

    def __enter__(self):
        logf = os.path.join(self.sandbox.parent, "%s.firefox.log" % self.tag)
        cmd = _firefox_cmd(self.copy, self.sandbox, self.profile, "about:blank", None)
        t0 = time.monotonic()
        with open(logf, "wb") as lf:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=lf, stderr=subprocess.STDOUT,
                                         env=self.sandbox.env(), cwd=self.sandbox.home, start_new_session=True)
        while time.monotonic() - t0 < self.timeout:
            if self.proc.poll() is not None:
                break
            if profile_locked(self.profile) and os.path.exists(os.path.join(self.profile, "cert9.db")):
                time.sleep(1.0)   # let start-up settle (NSS open, first writes)
                log("firefox: running on %s (pid %d, up after %.1fs)" % (
                    self.profile, self.proc.pid, time.monotonic() - t0))
                return self
            time.sleep(0.1)
        show_log_tail(self.sandbox, self.tag)
        self.__exit__()
        raise RuntimeError("Firefox did not start on %s within %.0fs (exit %s)" % (
            self.profile, self.timeout, self.proc.returncode))

    def __exit__(self, *exc):
        if self.proc is not None:
            _kill_group(self.proc, self.copy.dir)
            log("firefox: stopped the one running on %s" % self.profile)
        return False


SCRATCH_PREFIX = "gcatrust-e2e-"
PID_FILE = "harness.pid"


def mark_scratch(scratch):
    with open(os.path.join(scratch, PID_FILE), "w") as f:
        f.write(str(os.getpid()))


def _harness_alive(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return b"firefox_trust.py" in f.read()
    except OSError:
        return False


def clean_stale_scratch(tmp):
    """Scratch folders of harness runs that were killed (e.g. by a CTest timeout): end the Firefox
    processes those runs started (their executables lie inside the folder) and remove the folder."""
    for name in os.listdir(tmp):
        d = os.path.join(tmp, name)
        pid_file = os.path.join(d, PID_FILE)
        if not name.startswith(SCRATCH_PREFIX) or not os.path.isfile(pid_file):
            continue
        try:
            with open(pid_file) as f:
                pid = int(f.read().strip() or 0)
        except (OSError, ValueError):
            continue
        if pid == os.getpid() or _harness_alive(pid):
            continue
        for p in _pids_under(d):
            try:
                os.kill(p, signal.SIGKILL)
                log("cleanup: killed pid %d left by an interrupted run in %s" % (p, d))
            except ProcessLookupError:
                pass
        shutil.rmtree(d, ignore_errors=True)
        log("cleanup: removed %s (its harness run %d is gone)" % (d, pid))
