"""End-to-end tests of the NSS method: gcatrust imports the certificates into (and removes them
from) the cert9.db of existing Firefox profiles, judged by Firefox itself on those profiles.

Each test takes (args, scratch, pki, variants) — the test PKI and the organisation variants of
firefox_trust.py — and uses the "root-inter" variant (R + I2).
"""

import configparser
import os
import stat

import e2e_gcatrust as gt
import e2e_nss
from e2e_firefox import FIREFOX_DIR, FirefoxCopy, RunningFirefox, Sandbox, profile_locked, trust_verdict
from e2e_pki import INTER_ID, ROOT_ID
from e2e_util import check, log, open_to_all, read_bytes, unprivileged_account

IDS = (ROOT_ID, INTER_ID)


# ---------------------------------------------------------------------------------------------
# Helpers

def verdict_on(copy, sb, profile, chain, key, tag, want):
    """Firefox started on the existing `profile` trusts (or not) the server sending `chain`."""
    v, summary, _p = trust_verdict(copy, sb, chain, key, tag, profile=profile)
    check(v == want, "profile %s, %s: Firefox %s the site" % (os.path.basename(profile), tag, want),
          "got %s; server saw: %s" % (v, summary))


def nss(exe, command, profiles, *more, **kw):
    """gcatrust COMMAND --method nss --profile P... (text output)."""
    args = [command, "--method", "nss"]
    for p in profiles:
        args += ["--profile", p]
    return gt.run(exe, *args, *more, **kw)


def nss_json(exe, command, profiles, *more, **kw):
    """gcatrust COMMAND --json ...; returns (CompletedProcess, {profile path: entry})."""
    args = [command]
    if not any(m == "--method" for m in more):
        args += ["--method", "nss"]
    if not any(m == "--browser" for m in more):
        # Firefox's profiles only: with chromium installed, the run's own ~/.pki/nssdb is listed
        # too (e2e_browser_tests.py tests that).
        args += ["--browser", "firefox"]
    for p in profiles:
        args += ["--profile", p]
    res, doc = gt.run_json(exe, *args, *more, **kw)
    check(doc is not None, "%s --json prints JSON" % command, "stdout %r" % res.stdout[:300])
    return res, gt.profile_entries(doc)


def expect_states(entries, profile, want, what):
    """The profile's "certificates" map is {id: want} for every test certificate."""
    e = entries.get(profile)
    check(e is not None, "%s: --json reports profile %s" % (what, profile), "reported: %s" % sorted(entries))
    got = e.get("certificates") or {}
    check(all(got.get(i) == want for i in IDS), "%s: %s in %s" % (what, "/".join(IDS) + " " + want,
                                                                   os.path.basename(profile)),
          "certificates %s (result %s)" % (got, e.get("result")))
    return e


def expect_in_db(copy_dir, profile, fps, present=True):
    """What Firefox's own NSS reads in the profile: each certificate there with gcatrust's nickname
    and trusted for TLS (present=True), or absent (present=False)."""
    found = e2e_nss.list_certs(copy_dir, profile)
    for cid, fp in fps.items():
        if not present:
            check(fp not in found, "cert9.db no longer holds %s (%s)" % (cid, fp[:16]),
                  "still there as %r" % (found.get(fp),))
            continue
        check(fp in found, "cert9.db holds %s (%s)" % (cid, fp[:16]))
        nick, flags = found[fp]
        check(nick.endswith("(gcatrust %s)" % cid), "%s has the nickname \"<name> (gcatrust %s)\"" % (cid, cid),
              "nickname %r" % nick)
        check("Trusted CA" in flags, "%s is a trusted CA for TLS, as Firefox's NSS reads it" % cid,
              "SSL flags %s" % flags)


def with_softokens(scratch, run):
    """(run(env)'s result, paths of every libsoftokn3.so that its processes — gcatrust and its NSS
    worker — initialised), from the dynamic loader's own trace (LD_DEBUG=libs, a file a process)."""
    prefix = os.path.join(scratch, "ld-debug")
    result = run(dict(os.environ, LD_DEBUG="libs", LD_DEBUG_OUTPUT=prefix))
    out = set()
    for n in os.listdir(scratch):
        if n.startswith("ld-debug."):
            with open(os.path.join(scratch, n), errors="replace") as f:
                out |= {l.split("calling init:")[1].strip() for l in f if "calling init:" in l and "softokn" in l}
            os.remove(os.path.join(scratch, n))
    return result, out


def fingerprints(pki):
    return {ROOT_ID: pki.fp(pki.root), INTER_ID: pki.fp(pki.i2)}


def snapshot(d):
    """{relative path: bytes} of every regular file below d."""
    out = {}
    for root, _dirs, files in os.walk(d):
        for n in files:
            p = os.path.join(root, n)
            if os.path.isfile(p) and not os.path.islink(p):
                out[os.path.relpath(p, d)] = read_bytes(p)
    return out


def lines_of(res):
    return (res.stdout + res.stderr).splitlines()


def line_about(res, profile):
    """The output line that names `profile` (exactly, as a whole word) and the line after it."""
    lines = lines_of(res)
    for i, line in enumerate(lines):
        if (profile + " ") in line or (profile + ":") in line or line.endswith(profile):
            return line, (lines[i + 1] if i + 1 < len(lines) else "")
    return None, None


def user_env(home):
    """A login-like environment for an unprivileged run: HOME, nothing else of this process's user."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "USER": "nobody",
            "LOGNAME": "nobody", "TMPDIR": os.path.join(home, "tmp")}


# ---------------------------------------------------------------------------------------------
# Tests

def test_nss_trust_roundtrip(args, scratch, pki, variants):
    exe = variants["root-inter"]
    fps = fingerprints(pki)
    sb = Sandbox(scratch)
    copy = FirefoxCopy(scratch, "firefox")

    log("step: a real profile — Firefox started once on a fresh folder (also the baseline)")
    p = sb.new_profile("P")
    verdict_on(copy, sb, p, pki.chain_good, pki.leaf_key, "baseline-leaf+I2", "untrusted")
    check(os.path.exists(os.path.join(p, "cert9.db")), "the profile has a cert9.db")
    ini = configparser.ConfigParser()
    ini.read(os.path.join(p, "compatibility.ini"))
    last = ini.get("Compatibility", "LastPlatformDir", fallback=None)
    check(last and os.path.realpath(last) == os.path.realpath(copy.dir),
          "compatibility.ini LastPlatformDir is the Firefox copy", "LastPlatformDir=%r" % last)

    log("step: install --method nss --profile P")
    res, soft = with_softokens(scratch, lambda env: nss(exe, "install", [p], env=env))
    check(res.returncode == 0, "install exits 0", "exit %d" % res.returncode)
    check(soft and all(os.path.dirname(x) == copy.dir for x in soft),
          "the import ran on the NSS of the Firefox that last ran P (LastPlatformDir)",
          "softokens initialised: %s" % sorted(soft))
    line, _next = line_about(res, p)
    check(line is not None and "imported" in line, "install reports the import into %s" % p,
          "output: %s" % lines_of(res))
    expect_in_db(copy.dir, p, fps)

    log("step: install again is \"unchanged\"")
    res, entries = nss_json(exe, "install", [p])
    check(res.returncode == 0, "second install exits 0", "exit %d" % res.returncode)
    e = expect_states(entries, p, "trusted", "second install")
    check(e.get("result") == "unchanged", "second install: result \"unchanged\"", "result %r" % e.get("result"))
    check(e.get("firefox_running") is False, "firefox_running false (no Firefox on P now)")

    log("step: Firefox on P trusts the site")
    verdict_on(copy, sb, p, pki.chain_good, pki.leaf_key, "installed-leaf+I2", "trusted")
    verdict_on(copy, sb, p, pki.chain_wrong, pki.leaf_key, "installed-leaf+I1", "trusted")

    log("step: uninstall --method nss --profile P")
    res = nss(exe, "uninstall", [p])
    check(res.returncode == 0, "uninstall exits 0", "exit %d" % res.returncode)
    res, entries = nss_json(exe, "status", [p])
    check(res.returncode == 0, "status exits 0", "exit %d" % res.returncode)
    expect_states(entries, p, "missing", "status after uninstall")
    expect_in_db(copy.dir, p, fps, present=False)
    res, entries = nss_json(exe, "uninstall", [p])
    check(res.returncode == 0 and entries.get(p, {}).get("result") == "unchanged",
          "a second uninstall exits 0, \"unchanged\"", "exit %d, %s" % (res.returncode, entries.get(p)))
    verdict_on(copy, sb, p, pki.chain_good, pki.leaf_key, "uninstalled-leaf+I2", "untrusted")


def test_policy_copies_removed_by_nss_uninstall(args, scratch, pki, variants):
    exe = variants["root-inter"]
    fps = fingerprints(pki)
    sb = Sandbox(scratch)
    copy = FirefoxCopy(scratch, "firefox")

    log("step: install --method policies; a fresh profile's first start imports R and I2")
    res = gt.run(exe, "install", "--method", "policies", "--firefox", copy.dir)
    check(res.returncode == 0, "install --method policies exits 0", "exit %d" % res.returncode)
    check(len(gt.install_list(gt.load_policies(copy.policies_json))) == 2, "policies.json lists 2 certificates")
    v, summary, p = trust_verdict(copy, sb, pki.chain_good, pki.leaf_key, "policy-leaf+I2")
    check(v == "trusted", "fresh profile P under the policy: Firefox trusts the site",
          "got %s; server saw: %s" % (v, summary))
    res, entries = nss_json(exe, "status", [p])
    check(res.returncode == 0, "status exits 0", "exit %d" % res.returncode)
    expect_states(entries, p, "trusted", "status after the policy import")
    found = e2e_nss.list_certs(copy.dir, p)
    for cid, fp in fps.items():
        check(fp in found, "the policy put %s into P's cert9.db (as %r)" % (cid, found.get(fp, ("?",))[0]))

    log("step: uninstall --method auto --firefox COPY --profile P")
    res = gt.run(exe, "uninstall", "--method", "auto", "--firefox", copy.dir, "--profile", p)
    check(res.returncode == 0, "uninstall --method auto exits 0", "exit %d" % res.returncode)
    doc = gt.load_policies(copy.policies_json)
    lst = gt.install_list(doc)
    check(not any(isinstance(x, str) and "gcatrust" in x for x in lst),
          "policies.json no longer lists gcatrust's certificates", "entries %s" % lst)
    left = [n for n in os.listdir(copy.distribution) if "gcatrust" in n]
    left += [n for n in (os.listdir(copy.certificates_dir) if os.path.isdir(copy.certificates_dir) else [])
             if "gcatrust" in n]
    check(not left, "no gcatrust files left in distribution/", "left %s" % left)
    res, entries = nss_json(exe, "status", [p])
    expect_states(entries, p, "missing", "status after uninstall")
    expect_in_db(copy.dir, p, fps, present=False)
    verdict_on(copy, sb, p, pki.chain_good, pki.leaf_key, "uninstalled-leaf+I2", "untrusted")


def test_nss_profile_failures(args, scratch, pki, variants):
    exe = variants["root-inter"]
    user = unprivileged_account()
    open_to_all(scratch)   # nobody reads the Firefox copy and its own area below
    copy = FirefoxCopy(scratch, "firefox")
    area = os.path.join(scratch, "nobody")
    os.makedirs(area)
    user.chown_tree(area)
    sb = Sandbox(area, owner=user)   # Firefox's HOME and the locked profile, nobody's
    P = {n: os.path.join(area, n) for n in ("good", "corrupt", "primary", "readonly", "locked")}
    for n in ("good", "corrupt", "primary", "readonly"):
        os.makedirs(P[n])
        user.chown_tree(P[n])

    log("step: the profiles, all nobody's (databases made with Firefox's NSS)")
    e2e_nss.create_db(copy.dir, P["good"], as_user=user)
    e2e_nss.create_db(copy.dir, P["corrupt"], as_user=user)
    with open(os.path.join(P["corrupt"], "cert9.db"), "wb") as f:
        f.write(os.urandom(64 * 1024))
    e2e_nss.create_db(copy.dir, P["primary"], password="test-primary-password", as_user=user)
    e2e_nss.create_db(copy.dir, P["readonly"], as_user=user)
    for n in os.listdir(P["readonly"]):
        os.chmod(os.path.join(P["readonly"], n), 0o444)
    os.chmod(P["readonly"], 0o555)
    check(os.stat(P["readonly"]).st_uid == user.uid and not os.stat(P["readonly"]).st_mode & stat.S_IWUSR,
          "the read-only profile is nobody's, mode %o" % stat.S_IMODE(os.stat(P["readonly"]).st_mode))
    sb.new_profile("locked", path=P["locked"])
    untouchable = {n: snapshot(P[n]) for n in ("corrupt", "primary", "readonly")}
    order = ["good", "corrupt", "primary", "readonly", "locked"]
    profiles = [P[n] for n in order]
    env = user_env(sb.home)

    with RunningFirefox(copy, sb, P["locked"], tag="locked"):
        check(profile_locked(P["locked"]), "Firefox (as nobody) holds the lock of the locked profile")

        log("step: install --method nss, one run over all five profiles, as nobody")
        res = nss(exe, "install", profiles, "--firefox", copy.dir, as_user=user, env=env)
        check(res.returncode == 3, "install exits 3 (partial)", "exit %d" % res.returncode)
        for n in ("corrupt", "primary", "readonly"):
            line, _next = line_about(res, P[n])
            check(line is not None, "the %s profile is reported by its path" % n, "output: %s" % lines_of(res))
            log("  %s: %s" % (n, line))
        for n in ("corrupt", "readonly"):
            line, _next = line_about(res, P[n])
            check(line.startswith("failed:") and len(line.split(P[n], 1)[1].strip(" :")) > 0,
                  "the %s profile: \"failed: profile <path>: <reason>\"" % n, "line %r" % line)
        line, _next = line_about(res, P["primary"])
        check("Primary Password" in line, "the primary-password profile: reason names the Primary Password",
              "line %r" % line)
        for n in ("good", "locked"):
            line, nxt = line_about(res, P[n])
            check(line is not None and line.startswith("imported:"), "the %s profile: imported" % n,
                  "line %r" % line)
        _line, nxt = line_about(res, P["locked"])
        check("restart Firefox" in nxt and "running" in nxt,
              "the locked profile's report is followed by the Firefox-is-running / restart Firefox line",
              "next line %r" % nxt)
        _line, nxt = line_about(res, P["good"])
        check("running" not in nxt, "no Firefox-is-running line for the good profile", "next line %r" % nxt)

        log("step: status --json (Firefox still running on the locked profile)")
        res, entries = nss_json(exe, "status", profiles, "--firefox", copy.dir, as_user=user, env=env)
        check(res.returncode == 3, "status exits 3 (some profiles cannot be read)", "exit %d" % res.returncode)
        for n in ("good", "locked"):
            expect_states(entries, P[n], "trusted", "status")
            check(entries[P[n]].get("firefox_running") is (n == "locked"),
                  "status: firefox_running %s for the %s profile" % (str(n == "locked").lower(), n),
                  "entry %s" % entries[P[n]])
        got = entries.get(P["corrupt"], {})
        check(got.get("result") == "failed" and got.get("error"),
              "status: the corrupt profile \"failed\", with an error", "entry %s" % got)
        # Reading needs no password and no write access: status reads these two as they are.
        for n in ("primary", "readonly"):
            expect_states(entries, P[n], "missing", "status")
        res = nss(exe, "status", [P["locked"]], "--firefox", copy.dir, as_user=user, env=env)
        _line, nxt = line_about(res, P["locked"])
        check("restart Firefox" in nxt, "status text: a \"restart Firefox\" line for the locked profile",
              "next line %r" % nxt)

        log("step: install again — the good and locked profiles \"unchanged\", the rest still failing")
        res, entries = nss_json(exe, "install", profiles, "--firefox", copy.dir, as_user=user, env=env)
        check(res.returncode == 3, "second install exits 3", "exit %d" % res.returncode)
        for n in ("good", "locked"):
            check(entries.get(P[n], {}).get("result") == "unchanged", "second install: %s \"unchanged\"" % n,
                  "entry %s" % entries.get(P[n]))
        want_results = {"corrupt": "failed", "primary": "primary-password", "readonly": "failed"}
        for n, want in want_results.items():
            e = entries.get(P[n], {})
            check(e.get("result") == want and (want != "failed" or e.get("error")),
                  "install --json: the %s profile's result is %r, with an error" % (n, want), "entry %s" % e)
            log("  %s: %s" % (n, e.get("error")))

        for n, before in untouchable.items():
            after = snapshot(P[n])
            check(after == before, "the %s profile's files are byte-identical after the installs" % n,
                  "changed: %s" % sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)))
        expect_in_db(copy.dir, P["good"], fingerprints(pki))
        expect_in_db(copy.dir, P["locked"], fingerprints(pki))

        log("step: uninstall over the same five profiles — partial again, the two good ones emptied")
        res, entries = nss_json(exe, "uninstall", profiles, "--firefox", copy.dir, as_user=user, env=env)
        check(res.returncode == 3, "uninstall exits 3 (partial)", "exit %d" % res.returncode)
        for n in ("good", "locked"):
            e = expect_states(entries, P[n], "missing", "uninstall")
            check(e.get("result") == "changed", "uninstall: %s \"changed\"" % n, "entry %s" % e)
        check(entries[P["locked"]].get("firefox_running") is True, "uninstall: firefox_running true for locked")
        # Nothing of gcatrust's in the primary-password and read-only DBs: nothing to write there.
        for n, want in (("corrupt", "failed"), ("primary", "unchanged"), ("readonly", "unchanged")):
            check(entries.get(P[n], {}).get("result") == want, "uninstall: the %s profile's result is %r" % (n, want),
                  "entry %s" % entries.get(P[n]))

    for n, before in untouchable.items():
        check(snapshot(P[n]) == before, "the %s profile's files are byte-identical at the end" % n)


def _ini(sections):
    out = []
    for name, kv in sections:
        out.append("[%s]" % name)
        out += ["%s=%s" % (k, v) for k, v in kv]
        out.append("")
    return "\n".join(out)


def test_nss_discovery_as_user(args, scratch, pki, variants):
    exe = variants["root-inter"]
    user = unprivileged_account()
    open_to_all(scratch)
    home = os.path.join(scratch, "home-nobody")
    ffroot = os.path.join(home, ".mozilla", "firefox")
    # Relative, with Chinese characters and a space, two levels down: only profiles.ini leads there.
    rel_name = "自訂 資料夾/k3x9.政府 憑證"
    relative = os.path.join(ffroot, rel_name)
    absolute = os.path.join(home, "elsewhere", "abs profile")
    unlisted = os.path.join(ffroot, "u7q2.unlisted")
    for d in (os.path.join(home, "tmp"), relative, absolute, unlisted):
        os.makedirs(d)
    with open(os.path.join(ffroot, "profiles.ini"), "w", encoding="utf-8") as f:
        f.write(_ini([
            ("General", [("StartWithLastProfile", 1), ("Version", 2)]),
            ("Profile0", [("Name", "政府 測試"), ("IsRelative", 1), ("Path", rel_name), ("Default", 1)]),
            ("Profile1", [("Name", "absolute"), ("IsRelative", 0), ("Path", absolute)]),
        ]))
    user.chown_tree(home)
    # Databases made by Firefox's NSS, as a first Firefox start would (no Firefox run needed).
    for d in (relative, absolute, unlisted):
        e2e_nss.create_db(FIREFOX_DIR, d, as_user=user)
    want = {relative, absolute, unlisted}
    env = user_env(home)
    log("HOME %s:\n%s" % (home, open(os.path.join(ffroot, "profiles.ini"), encoding="utf-8").read()))

    log("step: status as nobody finds the three profiles, nothing installed")
    res, entries = nss_json(exe, "status", [], "--method", "auto", as_user=user, env=env)
    check(set(entries) == want, "status finds exactly the three profiles",
          "found %s, want %s" % (sorted(entries), sorted(want)))
    for d in want:
        expect_states(entries, d, "missing", "status before install")

    log("step: install (default method auto) as nobody")
    res = gt.run(exe, "install", as_user=user, env=env)
    check(res.returncode == 0, "install exits 0 (policies skipped without admin, profiles imported)",
          "exit %d" % res.returncode)
    res, entries = nss_json(exe, "status", [], "--method", "auto", as_user=user, env=env)
    check(set(entries) == want, "status still lists exactly the three profiles", "found %s" % sorted(entries))
    for d in want:
        e = expect_states(entries, d, "trusted", "status after install")
        check(e.get("user") == user.name, "owner of %s reported as %s" % (d, user.name), "entry %s" % e)
    for d in want:
        st = os.stat(os.path.join(d, "cert9.db"))
        check(st.st_uid == user.uid, "%s/cert9.db still nobody's" % d)

    log("step: uninstall as nobody")
    res = gt.run(exe, "uninstall", as_user=user, env=env)
    check(res.returncode == 0, "uninstall exits 0", "exit %d" % res.returncode)
    res, entries = nss_json(exe, "status", [], "--method", "auto", as_user=user, env=env)
    for d in want:
        expect_states(entries, d, "missing", "status after uninstall")
    expect_in_db(FIREFOX_DIR, relative, fingerprints(pki), present=False)


TESTS = {
    "nss_trust_roundtrip": test_nss_trust_roundtrip,
    "policy_copies_removed_by_nss_uninstall": test_policy_copies_removed_by_nss_uninstall,
    "nss_profile_failures": test_nss_profile_failures,
    "nss_discovery_as_user": test_nss_discovery_as_user,
}
