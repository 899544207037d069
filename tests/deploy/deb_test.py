#!/usr/bin/env python3
"""The gcatrust .deb on this machine, with real dpkg and the real firefox-esr.

usage: deb_test.py --deb FILE --source DIR [--work DIR]

Steps: the package's metadata (Depends only libc6, Recommends firefox-esr, section, English
description; /usr/bin/gcatrust needs only libc at run time), then
  1. no /etc/firefox/policies/policies.json: `dpkg -i` applies the policies (postinst), the real
     Firefox imports the default set into a new profile (read back from cert9.db with Firefox's
     own NSS), `dpkg -r` takes them out again (a new profile has none), `dpkg -P` leaves nothing;
  2. an administrator's /etc/firefox/policies/policies.json: its other policies stay while the
     package is installed, and its bytes come back after `dpkg -r`;
  3. no Firefox at all (its folder hidden): `dpkg -i` still succeeds; when Firefox comes (its
     file trigger), the policies are applied.

Isolation: the test re-runs itself in a private mount namespace (unshare -m) with overlays on
/etc, /usr, /var/lib/dpkg and /var/log, so dpkg, postinst and the test's own policies.json write
into the overlays only: the machine's files, and other test runs that read /etc/firefox at the
same time, never see them, even if the test is killed. It still checks that /etc/firefox,
/usr/share/firefox-esr/distribution and /usr/bin/gcatrust are as before, from outside, at the end.
Exit status: 0 pass, 1 fail, 77 skipped (not root, no firefox-esr, no overlay support).
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))

import e2e_nss  # noqa: E402
from e2e_firefox import Sandbox, run_firefox, show_log_tail  # noqa: E402
from e2e_util import CheckFailed, Skip, check, exit_code_of, log, note  # noqa: E402

FIREFOX_DIR = "/usr/lib/firefox-esr"
SYSTEM_POLICIES = "/etc/firefox/policies/policies.json"
# Debian's /usr/lib/firefox-esr/distribution links to /usr/share/firefox-esr/distribution.
DIST_POLICIES = os.path.join(FIREFOX_DIR, "distribution", "policies.json")
OVERLAID = ["/etc", "/usr", "/var/lib/dpkg", "/var/log"]
# What must be unchanged outside the namespace afterwards.
WATCHED = ["/etc/firefox", "/usr/share/firefox-esr/distribution", "/usr/bin/gcatrust"]
INNER_ENV = "GCATRUST_DEB_TEST_INNER"


def sh(*cmd, ok=(0,), env=None):
    res = subprocess.run(list(cmd), capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    log("$ %s -> exit %d" % (" ".join(cmd), res.returncode))
    for line in (res.stdout + res.stderr).rstrip().splitlines()[:40]:
        log("    | %s" % line)
    if ok is not None and res.returncode not in ok:
        raise CheckFailed("%s exited %d" % (" ".join(cmd), res.returncode))
    return res


def tree_digest(paths):
    """{path: sha256 or 'dir' or 'link -> target'} of everything under `paths` (lstat, no follow)."""
    out = {}
    for top in paths:
        if not os.path.lexists(top):
            continue
        todo = [top]
        while todo:
            p = todo.pop()
            if os.path.islink(p):
                out[p] = "link -> " + os.readlink(p)
            elif os.path.isdir(p):
                out[p] = "dir %o" % (os.stat(p).st_mode & 0o7777)
                todo += [os.path.join(p, n) for n in os.listdir(p)]
            else:
                with open(p, "rb") as f:
                    out[p] = hashlib.sha256(f.read()).hexdigest()
    return out


def manifest_pins(source):
    with open(os.path.join(source, "certs", "manifest.json")) as f:
        m = json.load(f)
    pins = {}
    for c in m["certificates"]:
        present = os.path.exists(os.path.join(source, "certs", c.get("file", "")))
        if c.get("optional") and not present:
            continue
        pins[c["id"]] = c["sha256"].lower()
    return pins


class RealFirefox:
    """The installed Firefox itself (not a copy), so it reads the machine's policies files. `dir`
    is only where e2e_firefox looks for leftover processes after ending the process group: a
    scratch folder, so processes of the real Firefox that other people run are never touched."""

    def __init__(self, scratch):
        self.exe = os.path.join(FIREFOX_DIR, "firefox-esr")
        self.dir = scratch


def trusted_in_new_profile(ff, sb, pins, tag):
    """Starts the real Firefox once on a new profile; returns {id: trusted?} read from its cert9.db
    with Firefox's NSS."""
    profile = sb.new_profile(tag)
    run_firefox(ff, sb, profile, "about:blank", timeout=40, tag=tag)
    if not os.path.exists(os.path.join(profile, "cert9.db")):
        show_log_tail(sb, tag)
    check(os.path.exists(os.path.join(profile, "cert9.db")), "[%s] the new profile has a cert9.db" % tag)
    found = e2e_nss.list_certs(FIREFOX_DIR, profile)
    return {cid: fp in found and "Trusted CA" in found[fp][1] for cid, fp in pins.items()}


def status_json():
    res = sh("/usr/bin/gcatrust", "status", "--method", "policies", "--json", ok=None)
    return json.loads(res.stdout)


def check_metadata(deb):
    log("step: package metadata")
    f = lambda field: sh("dpkg-deb", "-f", deb, field).stdout.strip()  # noqa: E731
    check(f("Package") == "gcatrust", "Package: gcatrust")
    depends = f("Depends")
    parts = [d.strip() for d in depends.split(",")]
    check(len(parts) == 1 and parts[0].split(" ")[0] == "libc6", "Depends only on libc6", depends)
    check("firefox-esr" in f("Recommends"), "Recommends firefox-esr", f("Recommends"))
    check(f("Section") == "web", "Section: web", f("Section"))
    desc = f("Description")
    check(desc.isascii() and "Firefox" in desc and len(desc.splitlines()) > 2,
          "an English description with an extended part", desc[:80])
    contents = sh("dpkg-deb", "-c", deb).stdout
    check("./usr/bin/gcatrust" in contents, "ships /usr/bin/gcatrust")
    ctrl = sh("dpkg-deb", "-I", deb).stdout
    for script in ("postinst", "prerm", "postrm", "triggers"):
        check(script in ctrl, "control archive has %s" % script)


def check_runtime_libraries():
    res = sh("ldd", "/usr/bin/gcatrust")
    libs = set()
    for line in res.stdout.splitlines():
        name = line.strip().split(" ")[0]
        libs.add(os.path.basename(name))
    # libm comes with the static libhivex (--target-os windows); it is glibc's, in package libc6.
    glibc = {"libc.so.6", "libm.so.6"}
    extra = {l for l in libs if not (l.startswith("linux-vdso") or l.startswith("ld-linux") or l in glibc)}
    check(not extra, "/usr/bin/gcatrust loads only glibc (libc, libm) and the loader", "also %s" % sorted(extra))


def dpkg_installed():
    res = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "gcatrust"], capture_output=True, text=True)
    return res.returncode == 0 and "installed" in res.stdout and "not-installed" not in res.stdout


def case_plain(deb, ff, sb, pins):
    log("step 1: no /etc/firefox/policies/policies.json")
    check(not os.path.lexists(SYSTEM_POLICIES), "no %s to start with" % SYSTEM_POLICIES)
    before = tree_digest(["/usr/share/firefox-esr/distribution", "/etc/firefox"])
    sh("dpkg", "-i", deb)
    check(dpkg_installed(), "dpkg says gcatrust is installed")
    check_runtime_libraries()
    with open(DIST_POLICIES) as f:
        doc = json.load(f)
    installs = doc["policies"]["Certificates"]["Install"]
    check(len(installs) == len(pins), "postinst put %d entries into %s" % (len(pins), DIST_POLICIES),
          str(installs))
    st = status_json()
    check(st["exit_code"] == 0 and all(t["result"] == "installed" for t in st["targets"]),
          "status --json: every target installed", json.dumps(st)[:300])
    trusted = trusted_in_new_profile(ff, sb, pins, "deb-installed")
    check(all(trusted.values()), "a new profile of the real Firefox trusts the default set", str(trusted))

    sh("dpkg", "-i", deb)  # a reinstall (upgrade to the same version): prerm upgrade + postinst
    with open(DIST_POLICIES) as f:
        again = json.load(f)["policies"]["Certificates"]["Install"]
    check(sorted(again) == sorted(installs), "reinstalling leaves the same entries", str(again))

    sh("dpkg", "-r", "gcatrust")
    check(not os.path.exists("/usr/bin/gcatrust"), "dpkg -r removed /usr/bin/gcatrust")
    after = tree_digest(["/usr/share/firefox-esr/distribution", "/etc/firefox"])
    check(after == before, "distribution/ and /etc/firefox are as before the package",
          str(set(after.items()) ^ set(before.items())))
    trusted = trusted_in_new_profile(ff, sb, pins, "deb-removed")
    check(not any(trusted.values()), "after dpkg -r a new profile trusts none of them", str(trusted))
    sh("dpkg", "-P", "gcatrust")
    check(not dpkg_installed(), "dpkg -P purged the package")


ADMIN_POLICIES = b"""{
    "policies": {
        "DisableTelemetry": true,
        "Certificates": {
            "ImportEnterpriseRoots": true,
            "Install": ["/etc/ssl/certs/our-proxy.der"]
        },
        "Homepage": {"URL": "https://intranet.example/", "Locked": false}
    }
}
"""


def case_admin_policies(deb, ff, sb, pins):
    log("step 2: an administrator's %s" % SYSTEM_POLICIES)
    os.makedirs(os.path.dirname(SYSTEM_POLICIES), exist_ok=True)
    with open(SYSTEM_POLICIES, "wb") as f:
        f.write(ADMIN_POLICIES)
    os.chmod(SYSTEM_POLICIES, 0o640)
    dist_before = tree_digest(["/usr/share/firefox-esr/distribution"])
    sh("dpkg", "-i", deb)
    with open(SYSTEM_POLICIES) as f:
        doc = json.load(f)["policies"]
    check(doc.get("DisableTelemetry") is True and doc.get("Homepage", {}).get("URL") == "https://intranet.example/",
          "the admin's other policies are still there")
    certs = doc["Certificates"]
    check(certs.get("ImportEnterpriseRoots") is True and "/etc/ssl/certs/our-proxy.der" in certs["Install"],
          "the admin's own Certificates entries are still there", str(certs))
    check(len(certs["Install"]) == 1 + len(pins), "plus one entry per embedded certificate", str(certs["Install"]))
    check(oct(os.stat(SYSTEM_POLICIES).st_mode & 0o777) == oct(0o640), "the file keeps its mode 0640")
    check(tree_digest(["/usr/share/firefox-esr/distribution"]) == dist_before,
          "distribution/ untouched (the /etc file shadows it)")
    trusted = trusted_in_new_profile(ff, sb, pins, "deb-admin-installed")
    check(all(trusted.values()), "a new profile trusts the default set through the admin's file", str(trusted))
    sh("dpkg", "-r", "gcatrust")
    with open(SYSTEM_POLICIES, "rb") as f:
        check(f.read() == ADMIN_POLICIES, "dpkg -r gives the admin's file back byte for byte")
    check(sorted(os.listdir("/etc/firefox")) == ["policies"], "nothing of gcatrust left in /etc/firefox",
          str(os.listdir("/etc/firefox")))
    check(os.listdir("/etc/firefox/policies") == ["policies.json"], "no backup file left",
          str(os.listdir("/etc/firefox/policies")))
    sh("dpkg", "-P", "gcatrust")
    shutil.rmtree("/etc/firefox")  # the test's own file (in the overlay): back to no /etc/firefox


def case_no_firefox(deb, scratch):
    log("step 3: no Firefox installed yet")
    empty = os.path.join(scratch, "no-firefox")
    os.makedirs(empty)
    # Thunderbird takes the same policies (--browser): a machine with neither, in this namespace.
    hidden = [d for d in (FIREFOX_DIR, "/usr/lib/thunderbird") if os.path.isdir(d)]
    for d in hidden:
        sh("mount", "--bind", empty, d)  # in this namespace only
    try:
        res = sh("dpkg", "-i", deb)
        check("no Firefox" in res.stdout + res.stderr, "postinst says that no Firefox is installed yet")
        check(dpkg_installed(), "dpkg -i succeeds without Firefox")
    finally:
        for d in hidden:
            sh("umount", d)
    check(not os.path.exists(DIST_POLICIES), "nothing written while there was no Firefox")
    # Firefox arrives: dpkg runs gcatrust's file trigger for /usr/lib/firefox-esr. Activated
    # here by hand, as dpkg does when a package installs files there (deb-triggers(5)).
    sh("dpkg-trigger", "--no-await", FIREFOX_DIR)
    sh("dpkg", "--triggers-only", "--pending")
    check(os.path.exists(DIST_POLICIES), "the trigger applied the policies once Firefox is there")
    st = status_json()
    check(st["exit_code"] == 0 and all(t["result"] == "installed" for t in st["targets"]),
          "status --json: installed after the trigger")
    sh("dpkg", "-P", "gcatrust")
    check(not os.path.exists(DIST_POLICIES), "purge after the trigger leaves no policies.json")


def inner(args):
    scratch = tempfile.mkdtemp(prefix="gcatrust-deb-")
    try:
        for top in OVERLAID:
            name = top.strip("/").replace("/", "_")
            upper, work = os.path.join(scratch, "ov", name, "u"), os.path.join(scratch, "ov", name, "w")
            os.makedirs(upper)
            os.makedirs(work)
            sh("mount", "-t", "overlay", "overlay", "-o",
               "lowerdir=%s,upperdir=%s,workdir=%s" % (top, upper, work), top)
        pins = manifest_pins(args.source)
        check(not dpkg_installed(), "gcatrust is not installed to start with")
        check_metadata(args.deb)
        ff = RealFirefox(scratch)
        sb = Sandbox(os.path.join(scratch, "firefox-runs"))
        case_plain(args.deb, ff, sb, pins)
        case_admin_policies(args.deb, ff, sb, pins)
        case_no_firefox(args.deb, scratch)
        return 0
    finally:
        for top in reversed(OVERLAID):
            subprocess.run(["umount", "-l", top], capture_output=True)
        if os.environ.get("GCATRUST_E2E_KEEP") != "1":
            shutil.rmtree(scratch, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--deb", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    args.deb = os.path.abspath(args.deb)
    args.source = os.path.abspath(args.source)

    def body():
        if os.environ.get(INNER_ENV) == "1":
            return inner(args)
        if os.geteuid() != 0:
            raise Skip("needs root (dpkg -i)")
        if not os.path.exists(os.path.join(FIREFOX_DIR, "firefox-esr")):
            raise Skip("needs firefox-esr")
        probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True)
        if probe.returncode != 0:
            raise Skip("cannot make a mount namespace (unshare -m): %s" % probe.stderr.decode().strip())
        before = tree_digest(WATCHED)
        env = dict(os.environ, **{INNER_ENV: "1"})
        res = subprocess.run(["unshare", "-m", "--propagation", "private", sys.executable,
                              os.path.abspath(__file__), "--deb", args.deb, "--source", args.source], env=env)
        after = tree_digest(WATCHED)
        check(after == before, "outside the namespace: %s unchanged" % ", ".join(WATCHED),
              str(set(after.items()) ^ set(before.items())))
        return res.returncode

    return exit_code_of(body)


if __name__ == "__main__":
    sys.exit(main())
