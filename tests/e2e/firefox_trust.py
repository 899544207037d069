#!/usr/bin/env python3
"""End-to-end tests of gcatrust against the real Firefox (python3 standard library only).

  firefox_trust.py build-variants --work DIR --source SRC [--cmake CMAKE] [--generator GEN]
      Makes the test PKI in DIR/pki and builds two organisation variants of gcatrust from it:
      "root-inter" (R + I2) and "root-only" (R). Writes DIR/variants.json.
  firefox_trust.py run TEST [--work DIR] [--gcatrust EXE] [--source SRC] ...
      TEST: policies_trust_roundtrip | same_named_intermediate | default_gca_set |
            malformed_policies_json | nss_trust_roundtrip | policy_copies_removed_by_nss_uninstall |
            nss_profile_failures | nss_discovery_as_user | chromium_nssdb_roundtrip |
            thunderbird_real_layout | snap_flatpak_layouts | all
      (the nss_* tests and policy_copies_removed_by_nss_uninstall live in e2e_profile_tests.py;
      chromium, thunderbird, snap and flatpak ones in e2e_browser_tests.py)
      Tests that need the variants build them first when DIR/variants.json is missing.

Each Firefox start uses a private copy of the installation (so its distribution/policies.json
is the test's own), a fresh profile and HOME, and a local TLS server on 127.0.0.1 that decides
trust from what the browser did. Exit status: 0 pass, 1 fail, 77 skipped.
Environment: GCATRUST_E2E_KEEP=1 keeps the scratch folders; GCATRUST_E2E_SYSTEM_POLICIES=skip
skips instead of moving /etc/firefox/policies/policies.json aside for the test.
"""

import argparse
import contextlib
import fcntl
import json
import os
import shutil
import sys
import tempfile
import time
import traceback

sys.dont_write_bytecode = True   # keep the source tree clean of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import e2e_browser_tests  # noqa: E402
import e2e_gcatrust as gt  # noqa: E402
import e2e_nss  # noqa: E402
import e2e_profile_tests  # noqa: E402
from e2e_firefox import (SCRATCH_PREFIX, FirefoxCopy, Sandbox, clean_stale_scratch,  # noqa: E402
                         mark_scratch, run_firefox, show_log_tail, trust_verdict)
from e2e_pki import INTER_ID, ROOT_ID, TestPki, cert_file_sha256  # noqa: E402
from e2e_util import (SKIP_CODE, CheckFailed, Skip, SystemPoliciesGuard, check, log,  # noqa: E402
                      note, read_bytes)

VARIANTS = {"root-inter": True, "root-only": False}


# ---------------------------------------------------------------------------------------------
# Shared test variants

@contextlib.contextmanager
def work_lock(work):
    """Another ctest run on the same build tree must not remake the PKI under a running test, and
    Firefox starts of two runs should not compete: build-variants and every test hold the work
    folder's lock (exclusively) while they run."""
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, ".lock"), "w") as f:
        t = time.monotonic()
        fcntl.flock(f, fcntl.LOCK_EX)
        if time.monotonic() - t > 1:
            log("waited %.0fs for %s/.lock" % (time.monotonic() - t, work))
        yield


def build_variants(args):
    """One build folder, configured once per manifest: the second build only regenerates the
    embedded bundle, and doing so also checks that a changed manifest is picked up. Each
    executable is copied out and checked with `export --der` against its manifest."""
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    state_path = os.path.join(work, "variants.json")
    if os.path.exists(state_path):
        os.remove(state_path)
    pki = TestPki(os.path.join(work, "pki"))
    pki.make()   # a new PKI on every run: nothing of an earlier run can make a check pass
    state = {"pki": pki.dir, "variants": {}}
    build_dir = os.path.join(work, "variant-build")
    for name, with_inter in VARIANTS.items():
        manifest = pki.write_manifest(os.path.join(pki.dir, "manifest-%s.json" % name), with_inter,
                                      "gcatrust e2e test PKI (%s)" % name)
        extra = ["-DCMAKE_CXX_COMPILER=" + args.cxx] if args.cxx else []
        built = gt.build_variant(args.source, manifest, build_dir,
                                 cmake=args.cmake, generator=args.generator, extra=extra)
        exe = os.path.join(work, "gcatrust-" + name)
        shutil.copy2(built, exe)
        want = {pki.fp(pki.root)} | ({pki.fp(pki.i2)} if with_inter else set())
        exp = os.path.join(work, "export-" + name)
        shutil.rmtree(exp, ignore_errors=True)
        res = gt.run(exe, "export", exp, "--der")
        got = {cert_file_sha256(os.path.join(exp, n)) for n in os.listdir(exp)} if os.path.isdir(exp) else set()
        check(res.returncode == 0 and got == want,
              "variant %s embeds exactly its manifest's certificates" % name,
              "export exit %d, got %s, want %s" % (res.returncode, sorted(got), sorted(want)))
        state["variants"][name] = exe
    with open(state_path, "w") as f:
        json.dump(state, f, indent=2)
    log("variants ready: %s" % json.dumps(state["variants"]))


def load_variants(args):
    """The variants of build-variants (built now if missing); called inside work_lock."""
    path = os.path.join(os.path.abspath(args.work), "variants.json")
    if not os.path.exists(path):
        if not args.source:
            raise Skip("no %s and no --source to build the test variants" % path)
        log("no variants yet: building them")
        build_variants(args)
    with open(path) as f:
        state = json.load(f)
    pki = TestPki(state["pki"])
    if not pki.exists():
        raise RuntimeError("test PKI missing in %s; rerun build-variants" % pki.dir)
    return pki, state["variants"]


# ---------------------------------------------------------------------------------------------
# Checks on what gcatrust wrote

def expect_installed(copy, ids_to_fp, extra_install=()):
    """Files gcatrust-<id>.der hold the right DER and policies.json lists their absolute paths."""
    doc = gt.load_policies(copy.policies_json)
    check(doc is not None, "policies.json exists at %s" % copy.policies_json)
    lst = gt.install_list(doc)
    log("  Certificates.Install = %s" % json.dumps(lst))
    for cid, fp in ids_to_fp.items():
        path = os.path.join(copy.certificates_dir, gt.der_name(cid))
        check(os.path.isfile(path), "%s exists" % path)
        data = read_bytes(path)
        check(not data.lstrip().startswith(b"-----"), "%s is DER, not PEM" % gt.der_name(cid))
        check(cert_file_sha256(path) == fp, "%s holds the certificate with SHA-256 %s" % (gt.der_name(cid), fp[:16]),
              "found %s" % cert_file_sha256(path))
        hits = [e for e in lst if isinstance(e, str) and os.path.isabs(e) and gt.same_file_path(e, path)]
        check(len(hits) == 1, "Certificates.Install lists %s once, by absolute path" % gt.der_name(cid),
              "entries: %s" % lst)
    for e in extra_install:
        check(e in lst, "Certificates.Install keeps %s" % e)
    return doc


def expect_uninstalled(copy, ids):
    doc = gt.load_policies(copy.policies_json)
    lst = gt.install_list(doc)
    log("  policies.json after uninstall: %s" % ("absent" if doc is None else json.dumps(doc)))
    left = [n for n in dir_listing(copy.distribution) if "gcatrust" in os.path.basename(n)]
    check(not left, "no gcatrust files (certificates, backups) left in distribution/", "left: %s" % left)
    for cid in ids:
        path = os.path.join(copy.certificates_dir, gt.der_name(cid))
        check(not os.path.exists(path), "%s removed" % path)
        check(not any(isinstance(e, str) and (gt.der_name(cid) in e) for e in lst),
              "policies.json no longer lists %s" % gt.der_name(cid), "entries: %s" % lst)
    return doc


def install(exe, copy, *more):
    return gt.run(exe, "install", "--method", "policies", "--firefox", copy.dir, *more)


def uninstall(exe, copy, *more):
    return gt.run(exe, "uninstall", "--method", "policies", "--firefox", copy.dir, *more)


def expect_verdict(copy, sb, chain, key, tag, want):
    v, summary, _profile = trust_verdict(copy, sb, chain, key, tag)
    check(v == want, "fresh profile, %s: Firefox %s the site" % (tag, want),
          "got %s; server saw: %s" % (v, summary))


def dir_listing(d):
    out = []
    for root, dirs, files in os.walk(d):
        for n in dirs + files:
            out.append(os.path.relpath(os.path.join(root, n), d))
    return sorted(out)


# ---------------------------------------------------------------------------------------------
# Tests

def test_policies_trust_roundtrip(args, scratch):
    pki, variants = load_variants(args)
    exe = variants["root-inter"]
    fps = {ROOT_ID: pki.fp(pki.root), INTER_ID: pki.fp(pki.i2)}
    sb = Sandbox(scratch)
    copy = FirefoxCopy(scratch, "firefox")

    log("step: baseline — nothing installed")
    expect_verdict(copy, sb, pki.chain_good, pki.leaf_key, "baseline-leaf+I2", "untrusted")

    log("step: install --dry-run writes nothing")
    before = dir_listing(copy.distribution)
    res = install(exe, copy, "--dry-run")
    check(res.returncode == 0, "install --dry-run exits 0", "exit %d" % res.returncode)
    check(dir_listing(copy.distribution) == before, "install --dry-run left distribution/ unchanged",
          "now: %s" % dir_listing(copy.distribution))

    log("step: install")
    res = install(exe, copy)
    check(res.returncode == 0, "install exits 0", "exit %d" % res.returncode)
    expect_installed(copy, fps)
    first = read_bytes(copy.policies_json)
    files_first = {n: read_bytes(os.path.join(copy.certificates_dir, n)) for n in os.listdir(copy.certificates_dir)}
    log("  distribution/ now holds: %s" % dir_listing(copy.distribution))

    log("step: install again is idempotent")
    res = install(exe, copy)
    check(res.returncode == 0, "second install exits 0", "exit %d" % res.returncode)
    second = read_bytes(copy.policies_json)
    check(second == first, "policies.json byte-identical after a second install",
          "first %r\nsecond %r" % (first, second))
    files_second = {n: read_bytes(os.path.join(copy.certificates_dir, n)) for n in os.listdir(copy.certificates_dir)}
    check(files_second == files_first, "certificates/ unchanged by a second install",
          "%s vs %s" % (sorted(files_first), sorted(files_second)))

    log("step: Firefox trusts the site after install")
    expect_verdict(copy, sb, pki.chain_good, pki.leaf_key, "installed-leaf+I2", "trusted")

    log("step: uninstall")
    res = uninstall(exe, copy)
    check(res.returncode == 0, "uninstall exits 0", "exit %d" % res.returncode)
    expect_uninstalled(copy, fps)
    log("  distribution/ now holds: %s" % dir_listing(copy.distribution))
    expect_verdict(copy, sb, pki.chain_good, pki.leaf_key, "uninstalled-leaf+I2", "untrusted")

    log("step: an administrator's policies.json, behind symlinks, is kept")
    copy2 = FirefoxCopy(scratch, "firefox-admin", distribution_link=True)
    admin_dir = os.path.join(scratch, "admin-etc")
    os.makedirs(admin_dir)
    admin_file = os.path.join(admin_dir, "policies.json")
    admin = {"policies": {"DisableTelemetry": True, "Certificates": {"Install": ["/some/admin.der"]}}}
    admin_bytes = (json.dumps(admin, indent=2) + "\n").encode()
    with open(admin_file, "wb") as f:
        f.write(admin_bytes)
    os.symlink(admin_file, os.path.join(copy2.distribution_target, "policies.json"))
    log("  %s -> %s; policies.json -> %s" % (copy2.distribution, copy2.distribution_target, admin_file))
    res = install(exe, copy2)
    check(res.returncode == 0, "install over an admin policies.json exits 0", "exit %d" % res.returncode)
    check(os.path.islink(copy2.distribution), "distribution is still a symlink")
    link = os.path.join(copy2.distribution_target, "policies.json")
    check(os.path.islink(link), "policies.json is still a symlink (written through it)")
    doc = expect_installed(copy2, fps, extra_install=["/some/admin.der"])
    log("  distribution/ now holds: %s" % dir_listing(copy2.distribution))
    check(doc["policies"].get("DisableTelemetry") is True, "DisableTelemetry kept")
    res = install(exe, copy2)
    check(res.returncode == 0 and gt.load_policies(admin_file) == doc,
          "a second install over the admin file changes nothing", "exit %d" % res.returncode)
    res = uninstall(exe, copy2)
    check(res.returncode == 0, "uninstall exits 0", "exit %d" % res.returncode)
    expect_uninstalled(copy2, fps)
    check(os.path.islink(link), "policies.json is still a symlink after uninstall")
    check(gt.load_policies(admin_file) == admin, "the admin's policies are back as they were",
          "now %s" % read_bytes(admin_file))
    if read_bytes(admin_file) != admin_bytes:
        note("admin policies.json is equal as JSON but not byte-identical after install+uninstall")


def test_same_named_intermediate(args, scratch):
    pki, variants = load_variants(args)
    sb = Sandbox(scratch)

    log("step: variant with R only; server sends leaf + I1 (the wrong same-named intermediate)")
    a = FirefoxCopy(scratch, "firefox-root-only")
    res = install(variants["root-only"], a)
    check(res.returncode == 0, "install (R only) exits 0", "exit %d" % res.returncode)
    expect_installed(a, {ROOT_ID: pki.fp(pki.root)})
    check(not os.path.exists(os.path.join(a.certificates_dir, gt.der_name(INTER_ID))),
          "the R-only variant installs no intermediate")
    expect_verdict(a, sb, pki.chain_wrong, pki.leaf_key, "R-only-leaf+I1", "untrusted")
    log("  (sanity: R alone is enough when the server sends the right intermediate)")
    expect_verdict(a, sb, pki.chain_good, pki.leaf_key, "R-only-leaf+I2", "trusted")

    log("step: variant with R + I2; server sends leaf + I1")
    b = FirefoxCopy(scratch, "firefox-root-inter")
    res = install(variants["root-inter"], b)
    check(res.returncode == 0, "install (R + I2) exits 0", "exit %d" % res.returncode)
    expect_installed(b, {ROOT_ID: pki.fp(pki.root), INTER_ID: pki.fp(pki.i2)})
    expect_verdict(b, sb, pki.chain_wrong, pki.leaf_key, "R+I2-leaf+I1", "trusted")


def _manifest_pins(source):
    path = os.path.join(source, "certs", "manifest.json")
    with open(path) as f:
        m = json.load(f)
    pins = {}
    for c in m["certificates"]:
        present = os.path.exists(os.path.join(os.path.dirname(path), c.get("file", "")))
        if c.get("optional") and not present:
            continue
        pins[c["id"]] = c["sha256"].lower()
    return pins


def _hex64(obj, out):
    if isinstance(obj, dict):
        for v in obj.values():
            _hex64(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _hex64(v, out)
    elif isinstance(obj, str):
        s = obj.replace(":", "").lower()
        if len(s) == 64 and all(ch in "0123456789abcdef" for ch in s):
            out.add(s)
    return out


def test_default_gca_set(args, scratch):
    if not args.gcatrust or not args.source:
        raise Skip("needs --gcatrust and --source")
    exe = args.gcatrust
    check(os.path.isfile(exe) and os.access(exe, os.X_OK), "the default build's gcatrust exists: %s" % exe,
          "build the gcatrust target first")
    pins = _manifest_pins(args.source)
    want = set(pins.values())
    log("default manifest: %s" % ", ".join("%s=%s" % (k, v[:16]) for k, v in pins.items()))

    log("step: list --json names every default certificate")
    res = gt.run(exe, "list", "--json")
    check(res.returncode == 0, "list --json exits 0", "exit %d" % res.returncode)
    try:
        listed = _hex64(json.loads(res.stdout), set())
    except ValueError as e:
        check(False, "list --json prints JSON", str(e))
    check(want <= listed, "list --json shows every pinned fingerprint", "missing %s" % sorted(want - listed))

    log("step: export --der gives exactly the default certificates")
    exp = os.path.join(scratch, "export")
    res = gt.run(exe, "export", exp, "--der")
    check(res.returncode == 0, "export --der exits 0", "exit %d" % res.returncode)
    exported = {}
    for n in sorted(os.listdir(exp)):
        p = os.path.join(exp, n)
        exported[cert_file_sha256(p)] = n
        check(not read_bytes(p).lstrip().startswith(b"-----"), "exported %s is DER" % n)
    check(set(exported) == want, "exported fingerprints = manifest pins",
          "exported %s" % {v: k[:16] for k, v in exported.items()})

    log("step: install the default set into a Firefox copy")
    sb = Sandbox(scratch)
    copy = FirefoxCopy(scratch, "firefox")
    res = install(exe, copy)
    check(res.returncode == 0, "install exits 0", "exit %d" % res.returncode)
    expect_installed(copy, pins)

    log("step: one start of a fresh profile imports them")
    profile = sb.new_profile("default-set")
    exited, _dt = run_firefox(copy, sb, profile, "about:blank", timeout=30, tag="default-set")
    if not exited:
        note("Firefox did not exit by itself after the about:blank screenshot")
    if not os.path.exists(os.path.join(profile, "cert9.db")):
        show_log_tail(sb, "default-set")
    check(os.path.exists(os.path.join(profile, "cert9.db")), "the profile has a cert9.db")
    check(e2e_nss.uses_firefox_nss(copy.dir, profile),
          "certutil with LD_LIBRARY_PATH=<firefox copy> runs on Firefox's own NSS softoken")
    found = e2e_nss.list_certs(copy.dir, profile)
    for cid, fp in pins.items():
        check(fp in found, "cert9.db holds %s (%s)" % (cid, fp[:16]))
        _nick, flags = found[fp]
        check("Trusted CA" in flags, "%s is a trusted CA for TLS, as Firefox's NSS reads it" % cid,
              "SSL flags %s" % flags)

    log("step: uninstall the default set")
    res = uninstall(exe, copy)
    check(res.returncode == 0, "uninstall exits 0", "exit %d" % res.returncode)
    expect_uninstalled(copy, pins)


def test_malformed_policies_json(args, scratch):
    if not args.gcatrust:
        raise Skip("needs --gcatrust")
    exe = args.gcatrust
    check(os.path.isfile(exe) and os.access(exe, os.X_OK), "the default build's gcatrust exists: %s" % exe,
          "build the gcatrust target first")
    copy = FirefoxCopy(scratch, "firefox")
    bad = b'{"policies": {"DisableTelemetry": true, "Certificates": {"Install": ["/some/admin.der"]}\n'
    with open(copy.policies_json, "wb") as f:
        f.write(bad)
    before = dir_listing(copy.distribution)
    log("step: install with a malformed policies.json")
    res = install(exe, copy)
    check(res.returncode != 0, "install refuses a malformed policies.json (non-zero exit)",
          "exit %d" % res.returncode)
    log("  install exited %d" % res.returncode)
    check(read_bytes(copy.policies_json) == bad, "malformed policies.json byte-identical afterwards")
    after = dir_listing(copy.distribution)
    if after != before:
        note("distribution/ changed although install failed: %s -> %s" % (before, after))
    log("step: uninstall with a malformed policies.json")
    res = uninstall(exe, copy)
    check(read_bytes(copy.policies_json) == bad, "malformed policies.json byte-identical after uninstall")
    if res.returncode == 0:
        note("uninstall exits 0 on a malformed policies.json")


TESTS = {
    "policies_trust_roundtrip": test_policies_trust_roundtrip,
    "same_named_intermediate": test_same_named_intermediate,
    "default_gca_set": test_default_gca_set,
    "malformed_policies_json": test_malformed_policies_json,
}


def _with_variants(test):
    return lambda args, scratch: test(args, scratch, *load_variants(args))


TESTS.update({name: _with_variants(t) for name, t in e2e_profile_tests.TESTS.items()})
TESTS.update({name: _with_variants(t) for name, t in e2e_browser_tests.TESTS.items()})


def run_one(name, args):
    log("=== %s ===" % name)
    t = time.monotonic()
    clean_stale_scratch(tempfile.gettempdir())
    scratch = tempfile.mkdtemp(prefix="%s%s-" % (SCRATCH_PREFIX, name))
    mark_scratch(scratch)
    status = 1
    try:
        with work_lock(os.path.abspath(args.work)), SystemPoliciesGuard():
            TESTS[name](args, scratch)
        status = 0
    except Skip as e:
        log("SKIPPED: %s" % e)
        status = SKIP_CODE
    except CheckFailed as e:
        log("FAILED: %s" % e)
    except Exception:  # noqa: BLE001 — report anything else as a failure with its trace
        log("ERROR:\n%s" % traceback.format_exc())
    finally:
        if os.environ.get("GCATRUST_E2E_KEEP") == "1":
            log("kept scratch folder %s" % scratch)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    log("=== %s: %s in %.1fs ===" % (name, {0: "PASS", SKIP_CODE: "SKIP"}.get(status, "FAIL"),
                                       time.monotonic() - t))
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["build-variants", "run"])
    ap.add_argument("test", nargs="?", choices=list(TESTS) + ["all"])
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "gcatrust-e2e-work"),
                    help="folder for the test PKI and the variant builds")
    ap.add_argument("--source", help="gcatrust source tree (for variants and the default manifest)")
    ap.add_argument("--gcatrust", help="the default build's gcatrust executable")
    ap.add_argument("--cmake", default="cmake")
    ap.add_argument("--generator", default="Ninja")
    ap.add_argument("--cxx", help="C++ compiler for the variant builds")
    args = ap.parse_args()
    if args.source:
        args.source = os.path.abspath(args.source)
    if args.gcatrust:
        args.gcatrust = os.path.abspath(args.gcatrust)

    if args.command == "build-variants":
        if not args.source:
            ap.error("build-variants needs --source")
        try:
            with work_lock(os.path.abspath(args.work)):
                build_variants(args)
        except Exception:  # noqa: BLE001
            log("ERROR:\n%s" % traceback.format_exc())
            return 1
        return 0

    if not args.test:
        ap.error("run needs a TEST")
    names = list(TESTS) if args.test == "all" else [args.test]
    results = {n: run_one(n, args) for n in names}
    if len(names) > 1:
        for n, s in results.items():
            log("%-28s %s" % (n, {0: "PASS", SKIP_CODE: "SKIP"}.get(s, "FAIL")))
    if any(s not in (0, SKIP_CODE) for s in results.values()):
        return 1
    return SKIP_CODE if all(s == SKIP_CODE for s in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
