"""End-to-end tests of the browsers beside Firefox (run through firefox_trust.py):

- chromium_nssdb_roundtrip: Debian's chromium, headless, against the local TLS server: not
  trusted before; trusted after `gcatrust install --browser chromium` created and filled
  ~/.pki/nssdb of a temporary HOME; not trusted after `gcatrust uninstall`.
- thunderbird_real_layout: a copy of Debian's real /usr/lib/thunderbird with its own
  distribution/ and a profile holding a real NSS database made by Thunderbird's NSS:
  install / status / uninstall with both methods, checked with Thunderbird's own NSS; and
  Thunderbird itself, started headless on a new profile, imports the certificates from the
  policy gcatrust wrote.
- snap_flatpak_layouts: --root images laid out as the snap and the flatpak install Firefox
  (with a copy of the real firefox-esr libraries and real NSS databases in the users' snap and
  flatpak profile folders); and, on the running system, a profile whose installation ships an
  NSS that cannot load (as a snap's may not on the host): gcatrust falls back to the system's
  libnss3 and says so.

The tests run gcatrust (and chromium) as `nobody` when started as root, so nothing of the real
users' homes or /etc is touched; as another user they run as that user.
"""

import json
import os
import shutil
import signal
import stat
import subprocess
import time

import e2e_gcatrust as gt
import e2e_nss
from e2e_firefox import FIREFOX_DIR
from e2e_pki import INTER_ID, ROOT_ID
from e2e_server import ChainServer
from e2e_util import Skip, check, log, open_to_all, unprivileged_account

CHROMIUM = "/usr/bin/chromium"
THUNDERBIRD_DIR = "/usr/lib/thunderbird"


def _account():
    """nobody when root (gcatrust then acts as an ordinary user), else None (this user)."""
    return unprivileged_account() if os.geteuid() == 0 else None


def _give(account, path):
    if account:
        account.chown_tree(path)


def _home(scratch, account):
    home = os.path.join(scratch, "home")
    os.makedirs(os.path.join(home, "tmp"), exist_ok=True)
    open_to_all(scratch)
    _give(account, home)
    return home


def _env(home):
    return dict(os.environ, HOME=home, TMPDIR=os.path.join(home, "tmp"), LANG="C.UTF-8",
                XDG_CONFIG_HOME=os.path.join(home, ".config"),
                XDG_CACHE_HOME=os.path.join(home, ".cache"))


def fingerprints(pki):
    return {ROOT_ID: pki.fp(pki.root), INTER_ID: pki.fp(pki.i2)}


def entry_for(doc, path):
    entries = gt.profile_entries(doc)
    check(path in entries, "--json lists %s" % path, "found %s" % sorted(entries))
    return entries[path]


def expect_states(entry, want, what):
    states = entry.get("certificates", {})
    check(states and all(s == want for s in states.values()),
          "%s: %s is %s" % (what, entry.get("profile"), want), "entry %s" % entry)


# ---------------------------------------------------------------------------------------------
# Chromium

def _session_members(sid):
    """Processes of session `sid` (the browser started with start_new_session and everything it
    started that did not leave the session): only this test's own processes."""
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:   # after "pid (comm)": state ppid pgrp session
            pids.append(int(d))
    return pids


def _end_session(proc):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in _session_members(proc.pid):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        try:
            proc.wait(3)
        except subprocess.TimeoutExpired:
            pass
        t = time.monotonic()
        while _session_members(proc.pid) and time.monotonic() - t < 3:
            time.sleep(0.1)
        if not _session_members(proc.pid):
            return

def chromium_verdict(scratch, home, account, chain, key, tag, timeout=30.0):
    """Chromium (a new, empty --user-data-dir each time) loads the server's URL; the verdict is
    what the server saw: a GET = trusted, an alert = not trusted."""
    user_data = os.path.join(scratch, "chromium-%s" % tag)
    os.makedirs(user_data)
    _give(account, user_data)
    logf = os.path.join(scratch, "chromium-%s.log" % tag)
    with ChainServer(chain, key, tag, lifetime=timeout + 10) as srv:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--user-data-dir=" + user_data, srv.url]
        if account:
            cmd = account.prefix() + cmd
        log("chromium: start %s" % " ".join(cmd))
        t0 = time.monotonic()
        with open(logf, "wb") as lf:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=lf, stderr=subprocess.STDOUT,
                                    env=_env(home), cwd=home, start_new_session=True)
            try:
                while time.monotonic() - t0 < timeout and srv.verdict() is None:
                    if proc.poll() is not None:
                        break
                    time.sleep(0.1)
            finally:
                _end_session(proc)
        v = srv.verdict(grace=0.0) or "no-verdict"
        summary = srv.summary()
    log("verdict[%s]: %s after %.1fs (server saw: %s)" % (tag, v, time.monotonic() - t0, summary))
    if v == "no-verdict":
        with open(logf, "rb") as f:
            for line in f.read().decode("utf-8", "replace").splitlines()[-20:]:
                log("    chromium| %s" % line)
    return v, summary


def test_chromium_nssdb_roundtrip(args, scratch, pki, variants):
    if not os.access(CHROMIUM, os.X_OK):
        raise Skip("needs Debian's chromium (%s)" % CHROMIUM)
    exe = variants["root-inter"]
    account = _account()
    home = _home(scratch, account)
    nssdb = os.path.join(home, ".pki", "nssdb")
    env = _env(home)

    def verdict(tag, want):
        v, summary = chromium_verdict(scratch, home, account, pki.chain_good, pki.leaf_key, tag)
        check(v == want, "%s: Chromium %s the site" % (tag, want), "got %s; server saw %s" % (v, summary))

    log("step: baseline — an empty home")
    verdict("baseline", "untrusted")
    shutil.rmtree(os.path.join(home, ".pki"), ignore_errors=True)   # Chromium made an empty one

    log("step: install --browser chromium --dry-run creates nothing")
    res, doc = gt.run_json(exe, "install", "--browser", "chromium", "--dry-run", as_user=account, env=env)
    check(res.returncode == 0, "dry run exits 0", "exit %d" % res.returncode)
    check(entry_for(doc, nssdb).get("result") == "would-create", "dry run would create %s" % nssdb)
    check(not os.path.exists(os.path.join(home, ".pki")), "dry run left ~/.pki alone")

    log("step: install --browser chromium")
    res, doc = gt.run_json(exe, "install", "--browser", "chromium", as_user=account, env=env)
    check(res.returncode == 0, "install exits 0", "exit %d" % res.returncode)
    e = entry_for(doc, nssdb)
    check(e.get("app") == "chromium" and e.get("result") == "changed" and e.get("created") is True,
          "install created and filled ~/.pki/nssdb", "entry %s" % e)
    check(e.get("nss", "").startswith("system libnss3"), "the system's libnss3 did it", "entry %s" % e)
    uid = account.uid if account else os.geteuid()
    for d in (os.path.join(home, ".pki"), nssdb):
        st = os.stat(d)
        check(stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == uid,
              "%s is mode 0700 and the user's, as Chromium makes it" % d,
              "mode %o uid %d" % (stat.S_IMODE(st.st_mode), st.st_uid))
    check(os.stat(os.path.join(nssdb, "cert9.db")).st_uid == uid, "cert9.db belongs to the user")
    found = e2e_nss.list_certs("", nssdb)
    for cid, fp in fingerprints(pki).items():
        check(fp in found and "Trusted CA" in found[fp][1], "~/.pki/nssdb trusts %s (C,,)" % cid,
              "found %r" % (found.get(fp),))
    verdict("installed", "trusted")

    log("step: status and a second install")
    res, doc = gt.run_json(exe, "status", "--browser", "chromium", as_user=account, env=env)
    check(res.returncode == 0, "status exits 0", "exit %d" % res.returncode)
    expect_states(entry_for(doc, nssdb), "trusted", "status")
    res, doc = gt.run_json(exe, "install", "--browser", "chromium", as_user=account, env=env)
    check(res.returncode == 0 and entry_for(doc, nssdb).get("result") == "unchanged",
          "a second install changes nothing", "exit %d" % res.returncode)

    log("step: uninstall")
    res, doc = gt.run_json(exe, "uninstall", "--browser", "chromium", as_user=account, env=env)
    check(res.returncode == 0 and entry_for(doc, nssdb).get("result") == "changed",
          "uninstall exits 0 and removed the certificates", "exit %d" % res.returncode)
    found = e2e_nss.list_certs("", nssdb)
    check(not any(fp in found for fp in fingerprints(pki).values()), "~/.pki/nssdb holds none of them",
          "found %s" % sorted(found))
    check(os.path.isfile(os.path.join(nssdb, "cert9.db")), "the database itself stays (it is the user's)")
    verdict("uninstalled", "untrusted")


# ---------------------------------------------------------------------------------------------
# Thunderbird

def thunderbird_start_imports(scratch, home, account, copy, tag, pki, timeout=40.0):
    """Starts the Thunderbird copy headless on a new profile until its cert9.db holds the test
    root (or `timeout`), then ends it; returns what the profile holds, read with Thunderbird's
    own NSS."""
    profile = os.path.join(scratch, "tb-profile-%s" % tag)
    os.makedirs(profile)
    _give(account, profile)
    cmd = [os.path.join(copy, "thunderbird-bin"), "--headless", "-no-remote", "-profile", profile]
    if account:
        cmd = account.prefix() + cmd
    env = dict(_env(home), MOZ_HEADLESS="1", MOZ_CRASHREPORTER_DISABLE="1")
    log("thunderbird: start %s" % " ".join(cmd))
    t0 = time.monotonic()
    root_fp = pki.fp(pki.root)
    found = {}
    with open(os.path.join(scratch, "thunderbird-%s.log" % tag), "wb") as lf:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=lf, stderr=subprocess.STDOUT,
                                env=env, cwd=home, start_new_session=True)
        try:
            while time.monotonic() - t0 < timeout and proc.poll() is None:
                time.sleep(1)
                if os.path.exists(os.path.join(profile, "cert9.db")):
                    found = e2e_nss.list_certs(copy, profile)
                    if root_fp in found:
                        break
        finally:
            _end_session(proc)
    log("thunderbird: stopped after %.1fs" % (time.monotonic() - t0))
    if os.path.exists(os.path.join(profile, "cert9.db")):
        found = e2e_nss.list_certs(copy, profile)
    return found

def test_thunderbird_real_layout(args, scratch, pki, variants):
    if not os.path.isfile(os.path.join(THUNDERBIRD_DIR, "application.ini")):
        raise Skip("needs Debian's thunderbird (%s)" % THUNDERBIRD_DIR)
    if os.path.exists("/etc/thunderbird/policies/policies.json"):
        raise Skip("/etc/thunderbird/policies/policies.json exists and shadows distribution/")
    exe = variants["root-inter"]
    account = _account()
    home = _home(scratch, account)
    env = _env(home)

    copy = os.path.join(scratch, "thunderbird")
    subprocess.run(["cp", "-a", THUNDERBIRD_DIR, copy], check=True)
    # Debian links omni.ja, chrome, defaults... relatively into /usr/share/thunderbird: those
    # links dangle in the copy (Thunderbird then says "the installation seems to be
    # incomplete" and crashes); point them at the real files.
    for name in os.listdir(copy):
        link = os.path.join(copy, name)
        if os.path.islink(link) and not os.path.exists(link):
            target = os.path.realpath(os.path.join(THUNDERBIRD_DIR, name))
            os.remove(link)
            os.symlink(target, link)
    dist = os.path.join(copy, "distribution")
    os.makedirs(dist)
    admin = {"policies": {"DisableTelemetry": True}}
    with open(os.path.join(dist, "policies.json"), "w") as f:
        json.dump(admin, f)
    _give(account, dist)   # the user may write this copy's distribution/: no admin needed
    open_to_all(copy)

    profiles = os.path.join(home, ".thunderbird")
    profile = os.path.join(profiles, "abcd1234.default-esr")
    os.makedirs(profile)
    with open(os.path.join(profiles, "profiles.ini"), "w") as f:
        f.write("[Profile0]\nName=default-esr\nIsRelative=1\nPath=abcd1234.default-esr\nDefault=1\n\n"
                "[General]\nStartWithLastProfile=1\nVersion=2\n")
    # The installation that last ran the profile (toolkit/xre/nsAppRunner.cpp WriteVersion).
    with open(os.path.join(profile, "compatibility.ini"), "w") as f:
        f.write("[Compatibility]\nLastVersion=153.7.0_20261110162734/20261110162734\n"
                "LastOSABI=Linux_x86_64-gcc3\nLastPlatformDir=%s\nLastAppDir=%s\n" % (copy, copy))
    _give(account, home)
    e2e_nss.create_db(copy, profile, as_user=account)   # with Thunderbird's own NSS

    log("step: detect names the Thunderbird copy and its distribution/policies.json")
    res, doc = gt.run_json(exe, "detect", "--firefox", copy, as_user=account, env=env)
    inst = (doc or {}).get("installations", [])
    check(res.returncode == 0 and len(inst) == 1 and inst[0].get("app") == "thunderbird"
          and inst[0].get("policies_file") == os.path.join(dist, "policies.json"),
          "detect: the copy is a Thunderbird reading its distribution/policies.json", "got %s" % doc)

    log("step: install --browser thunderbird")
    res, doc = gt.run_json(exe, "install", "--browser", "thunderbird", "--firefox", copy,
                           as_user=account, env=env)
    check(res.returncode == 0, "install exits 0", "exit %d" % res.returncode)
    e = entry_for(doc, profile)
    check(e.get("app") == "thunderbird" and e.get("result") == "changed", "profile imported", "entry %s" % e)
    check(e.get("nss", "").startswith(copy), "with the Thunderbird copy's own NSS", "entry %s" % e)
    pol = gt.load_policies(os.path.join(dist, "policies.json"))
    lst = gt.install_list(pol)
    for cid in fingerprints(pki):
        want = os.path.join(dist, "certificates", gt.der_name(cid))
        check(want in lst and os.path.isfile(want), "policies.json installs %s" % want, "list %s" % lst)
    check(pol["policies"].get("DisableTelemetry") is True, "the admin's policy is kept")
    found = e2e_nss.list_certs(copy, profile)
    for cid, fp in fingerprints(pki).items():
        check(fp in found and "Trusted CA" in found[fp][1],
              "Thunderbird's NSS reads %s as a trusted CA in the profile" % cid, "found %r" % (found.get(fp),))

    log("step: Thunderbird itself, on a new profile, imports them from the policy")
    found = thunderbird_start_imports(scratch, home, account, copy, "after-install", pki)
    for cid, fp in fingerprints(pki).items():
        check(fp in found and "Trusted CA" in found[fp][1],
              "a new Thunderbird profile trusts %s after one start" % cid, "found %r" % (found.get(fp),))

    log("step: status")
    res, doc = gt.run_json(exe, "status", "--browser", "thunderbird", "--firefox", copy,
                           as_user=account, env=env)
    check(res.returncode == 0, "status exits 0", "exit %d" % res.returncode)
    expect_states(entry_for(doc, profile), "trusted", "status")
    targets = doc.get("targets", [])
    check(len(targets) == 1 and targets[0].get("result") == "installed", "status: policies installed",
          "targets %s" % targets)

    log("step: uninstall")
    res, doc = gt.run_json(exe, "uninstall", "--browser", "thunderbird", "--firefox", copy,
                           as_user=account, env=env)
    check(res.returncode == 0, "uninstall exits 0", "exit %d" % res.returncode)
    found = e2e_nss.list_certs(copy, profile)
    check(not any(fp in found for fp in fingerprints(pki).values()), "the profile holds none of them")
    check(gt.load_policies(os.path.join(dist, "policies.json")) == admin,
          "policies.json is back to the admin's", "now %s" % gt.load_policies(os.path.join(dist, "policies.json")))


# ---------------------------------------------------------------------------------------------
# Snap and flatpak

def _install_copy(dest, exe_name="firefox"):
    """Firefox's real application.ini and NSS libraries (what discovery and the worker look
    at), laid out at `dest`, with `exe_name` standing for the executable."""
    os.makedirs(dest)
    for name in os.listdir(FIREFOX_DIR):
        src = os.path.join(FIREFOX_DIR, name)
        if name == "application.ini" or (name.endswith(".so") and name != "libxul.so"):
            shutil.copy2(src, os.path.join(dest, name))
    shutil.copy2(os.path.join(FIREFOX_DIR, "firefox-esr"), os.path.join(dest, exe_name))


# The image's user: uid 1000 as on a desktop install (root gives the home to it); this user's own
# uid otherwise, so that the profiles are the image user's as gcatrust checks before writing.
IMAGE_UID = 1000 if os.geteuid() == 0 else os.geteuid()


def _image_user(image, home_rel="home/user"):
    os.makedirs(os.path.join(image, "etc"), exist_ok=True)
    with open(os.path.join(image, "etc", "passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/bash\nuser:x:%d:%d:User:/home/user:/bin/bash\n"
                % (IMAGE_UID, IMAGE_UID))
    return os.path.join(image, home_rel)


def _profile(home, root_rel, name="abcd.default"):
    root_dir = os.path.join(home, root_rel)
    profile = os.path.join(root_dir, name)
    os.makedirs(profile)
    with open(os.path.join(root_dir, "profiles.ini"), "w") as f:
        f.write("[Profile0]\nName=default\nIsRelative=1\nPath=%s\nDefault=1\n" % name)
    e2e_nss.create_db(FIREFOX_DIR, profile)
    for d, dirs, files in os.walk(home):
        for n in [d] + [os.path.join(d, x) for x in dirs + files]:
            os.lchown(n, IMAGE_UID, IMAGE_UID)
    return profile


def test_snap_flatpak_layouts(args, scratch, pki, variants):
    exe = variants["root-inter"]
    fps = fingerprints(pki)
    open_to_all(scratch)

    log("step: snap image — /snap/firefox/current -> <revision>, usr/lib/firefox, /snap/bin/firefox")
    snap = os.path.join(scratch, "snap-image")
    rev = os.path.join(snap, "snap", "firefox", "4793")
    _install_copy(os.path.join(rev, "usr", "lib", "firefox"))
    os.symlink("4793", os.path.join(snap, "snap", "firefox", "current"))
    os.makedirs(os.path.join(snap, "snap", "bin"))
    os.makedirs(os.path.join(snap, "usr", "bin"))
    shutil.copy2("/bin/true", os.path.join(snap, "usr", "bin", "snap"))
    os.symlink("/usr/bin/snap", os.path.join(snap, "snap", "bin", "firefox"))
    home = _image_user(snap)
    profile = _profile(home, "snap/firefox/common/.mozilla/firefox")
    res, doc = gt.run_json(exe, "detect", "--root", snap)
    inst = (doc or {}).get("installations", [])
    check(res.returncode == 0 and [i.get("kind") for i in inst] == ["snap"]
          and inst[0].get("policies_file") == "/etc/firefox/policies/policies.json",
          "detect: the snap, reading /etc/firefox/policies/policies.json", "got %s" % doc)
    res, doc = gt.run_json(exe, "install", "--root", snap)
    check(res.returncode == 0, "install --root <snap image> exits 0", "exit %d" % res.returncode)
    pol = gt.load_policies(os.path.join(snap, "etc", "firefox", "policies", "policies.json"))
    lst = gt.install_list(pol)
    check(sorted(lst) == sorted("/etc/firefox/certificates/" + gt.der_name(c) for c in fps),
          "the image's /etc/firefox policies list /etc/firefox/certificates (readable by the snap)",
          "list %s" % lst)
    image_profile = "/home/user/snap/firefox/common/.mozilla/firefox/abcd.default"
    e = entry_for(doc, image_profile)
    check(e.get("result") == "changed", "the snap profile got the certificates", "entry %s" % e)
    found = e2e_nss.list_certs(FIREFOX_DIR, profile)
    check(all(fp in found for fp in fps.values()), "the snap profile's cert9.db holds them")
    res, _doc = gt.run_json(exe, "uninstall", "--root", snap)
    check(res.returncode == 0, "uninstall --root <snap image> exits 0", "exit %d" % res.returncode)
    found = e2e_nss.list_certs(FIREFOX_DIR, profile)
    check(not any(fp in found for fp in fps.values()), "and uninstall took them out again")

    log("step: flatpak image — current -> x86_64/stable, active -> <commit>, files/lib/firefox")
    fp_image = os.path.join(scratch, "flatpak-image")
    app = os.path.join(fp_image, "var", "lib", "flatpak", "app", "org.mozilla.firefox")
    commit = os.path.join(app, "x86_64", "stable", "0123abcd")
    _install_copy(os.path.join(commit, "files", "lib", "firefox"))
    os.symlink("0123abcd", os.path.join(app, "x86_64", "stable", "active"))
    os.symlink("x86_64/stable", os.path.join(app, "current"))
    home = _image_user(fp_image)
    profile = _profile(home, ".var/app/org.mozilla.firefox/.mozilla/firefox")
    res, doc = gt.run_json(exe, "install", "--root", fp_image)
    check(res.returncode == 0, "install --root <flatpak image> exits 0", "exit %d" % res.returncode)
    ext = os.path.join(fp_image, "var", "lib", "flatpak", "extension", "org.mozilla.firefox.systemconfig",
                       "x86_64", "stable")
    lst = gt.install_list(gt.load_policies(os.path.join(ext, "policies", "policies.json")))
    check(sorted(lst) == sorted("/app/etc/firefox/certificates/" + gt.der_name(c) for c in fps),
          "the systemconfig extension's policies list the sandbox paths /app/etc/firefox/...",
          "list %s" % lst)
    for c in fps:
        check(os.path.isfile(os.path.join(ext, "certificates", gt.der_name(c))),
              "%s is in the extension's certificates/" % gt.der_name(c))
    found = e2e_nss.list_certs(FIREFOX_DIR, profile)
    check(all(fp in found for fp in fps.values()), "the flatpak profile's cert9.db holds them")
    res, _doc = gt.run_json(exe, "uninstall", "--root", fp_image)
    check(res.returncode == 0 and not os.path.exists(os.path.join(ext, "policies", "policies.json")),
          "uninstall --root <flatpak image> removes the extension's policies.json again",
          "exit %d" % res.returncode)

    log("step: an installation whose NSS cannot load here (a snap's may not on the host)")
    account = _account()
    broken = os.path.join(scratch, "broken-snap-firefox")
    _install_copy(broken)
    for lib in ("libnss3.so", "libnssutil3.so"):
        with open(os.path.join(broken, lib), "wb") as f:
            f.write(b"not an ELF library: built for another runtime\n")
    open_to_all(broken)
    own = os.path.join(scratch, "own-profile")
    os.makedirs(own)
    with open(os.path.join(own, "compatibility.ini"), "w") as f:
        f.write("[Compatibility]\nLastPlatformDir=%s\n" % broken)
    _give(account, own)
    e2e_nss.create_db("", own, as_user=account)
    res, doc = gt.run_json(exe, "install", "--method", "nss", "--profile", own, as_user=account)
    check(res.returncode == 0, "install exits 0 all the same", "exit %d" % res.returncode)
    e = entry_for(doc, own)
    nss = e.get("nss", "")
    check(e.get("result") == "changed" and nss.startswith("system libnss3") and broken in nss,
          "the system's libnss3 did the work, and the report says the installation's failed",
          "entry %s" % e)
    found = e2e_nss.list_certs("", own)
    check(all(fp in found and "Trusted CA" in found[fp][1] for fp in fps.values()),
          "the profile trusts them")


TESTS = {
    "chromium_nssdb_roundtrip": test_chromium_nssdb_roundtrip,
    "thunderbird_real_layout": test_thunderbird_real_layout,
    "snap_flatpak_layouts": test_snap_flatpak_layouts,
}
