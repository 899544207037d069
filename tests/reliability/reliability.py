#!/usr/bin/env python3
"""Reliability cases of the real gcatrust, each run N times on fake roots (--root), with a report.

  crash        gcatrust-failpoints is killed (SIGKILL, as kill -9 or a power cut) at every step
               of install and uninstall that it reaches (temp file created, half written,
               written, fsynced, renamed, directory fsynced, backup written, file removed, ...):
               policies.json is then the old or the new text, never partial or missing; the
               backup is valid JSON holding the old text; a rerun converges (install -> the
               planned file, uninstall -> the admin's original bytes, nothing left behind).
  concurrency  many install/uninstall runs started at once end in one consistent state; an
               admin's edit made between gcatrust's read and its write is kept (merged).
  privilege    as root: no write through a directory or link another user controls, world-
               writable targets refused with nothing changed, Debian's root-owned distribution
               link still works, created files root-owned 0644, NSS work done as the owner.
  inputs       a 10 MB policies.json, 1,000 profiles, profiles.ini with BOM + CRLF, Chinese /
               space / quote paths, gcatrust on a read-only mount.

Usage: reliability.py --gcatrust BIN --failpoints BIN [--runs N] [--case NAME]... [--profiles N]
                      [--skip-wide]
Exit 0 when every check passed, 1 otherwise, 77 when no case could run (not root).
"""
import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

NOBODY = 65534  # Debian's unprivileged account (nobody:nogroup)
POLICIES = "opt/firefox/distribution/policies.json"
CERT_DIR = "opt/firefox/distribution/certificates"


class Report:
    """Counts per case: runs, files lost or partial, other failed checks, timings."""

    def __init__(self):
        self.rows = {}
        self.failures = []

    def row(self, case):
        return self.rows.setdefault(case, {"runs": 0, "lost": 0, "checks": 0, "failed": 0,
                                           "seconds": 0.0, "notes": []})

    def check(self, case, ok, what, lost=False):
        r = self.row(case)
        r["checks"] += 1
        if not ok:
            r["failed"] += 1
            if lost:
                r["lost"] += 1
            self.failures.append(f"{case}: {what}")
            print(f"FAIL [{case}] {what}", flush=True)
        return ok

    def note(self, case, text):
        self.row(case)["notes"].append(text)
        print(f"  [{case}] {text}", flush=True)

    def print(self, runs):
        print()
        print(f"reliability report - {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"N = {runs}")
        print(f"{'case':<34} {'runs':>6} {'lost/partial':>12} {'checks':>7} {'failed':>6} "
              f"{'time s':>8}")
        for case, r in self.rows.items():
            print(f"{case:<34} {r['runs']:>6} {r['lost']:>12} {r['checks']:>7} {r['failed']:>6} "
                  f"{r['seconds']:>8.1f}")
        for case, r in self.rows.items():
            for n in r["notes"]:
                print(f"  {case}: {n}")
        total_lost = sum(r["lost"] for r in self.rows.values())
        print(f"total: {sum(r['runs'] for r in self.rows.values())} runs, {total_lost} lost or "
              f"partial files, {len(self.failures)} failed checks")


def run(cmd, env=None, **kw):
    full_env = {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "LC_ALL": "C.UTF-8",
                "HOME": "/nonexistent"}
    full_env.update(env or {})
    return subprocess.run(cmd, env=full_env, capture_output=True, text=True, **kw)


def make_firefox(d):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "application.ini"), "w") as f:
        f.write("[App]\nName=Firefox\n")
    with open(os.path.join(d, "firefox"), "w") as f:
        f.write("#!/bin/sh\n")
    os.chmod(os.path.join(d, "firefox"), 0o755)


def admin_policies():
    """An admin's own policies.json, with an Install entry of theirs, in their own layout."""
    return (b'{\n    "policies": {\n        "DisableAppUpdate": true,\n'
            b'        "Certificates": {"Install": ["/etc/ssl/admin-ca.der"]},\n'
            b'        "Homepage": {"URL": "https://intranet.example/", "Locked": true}\n'
            b'    }\n}\n')


def make_root(parent, policies=admin_policies()):
    root = tempfile.mkdtemp(dir=parent)
    os.chmod(root, 0o755)
    make_firefox(os.path.join(root, "opt/firefox"))
    # distribution/ exists (as Debian ships it): install creates it otherwise, and uninstall
    # leaves an empty one behind by design (it cannot tell who made it).
    os.makedirs(os.path.join(root, os.path.dirname(POLICIES)))
    if policies is not None:
        with open(os.path.join(root, POLICIES), "wb") as f:
            f.write(policies)
    return root


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def tree(root):
    """Every entry under root: relative path -> (type, mode, uid, sha256 or link target)."""
    out = {}
    for d, dirs, files in os.walk(root):
        for name in dirs + files:
            p = os.path.join(d, name)
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                what = "link:" + os.readlink(p)
            elif stat.S_ISREG(st.st_mode):
                what = hashlib.sha256(read(p)).hexdigest()
            else:
                what = "dir"
            out[os.path.relpath(p, root)] = (stat.S_IFMT(st.st_mode), st.st_mode & 0o7777,
                                             st.st_uid, what)
    return out


def temp_leftovers(root):
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files
            if ".gcatrust-" in f and not f.endswith(".gcatrust-backup")]


def measure(cmd, env=None):
    """(CompletedProcess, wall seconds, peak RSS in KiB of the command and every process under
    it). A fresh python waits for the command, so its RUSAGE_CHILDREN maxrss covers only that
    command's tree (gcatrust waits for its NSS workers, which folds theirs in)."""
    probe = ("import resource, subprocess, sys\n"
             "code = subprocess.call(sys.argv[2:])\n"
             "open(sys.argv[1], 'w').write(str(resource.getrusage("
             "resource.RUSAGE_CHILDREN).ru_maxrss))\n"
             "sys.exit(code)\n")
    fd, rss_file = tempfile.mkstemp()
    os.close(fd)
    os.chmod(rss_file, 0o666)
    start = time.monotonic()
    p = run([sys.executable, "-c", probe, rss_file, *cmd], env)
    wall = time.monotonic() - start
    try:
        peak = int(open(rss_file).read() or 0)
    finally:
        os.remove(rss_file)
    return p, wall, peak


class Cases:
    def __init__(self, args, report, work):
        self.a = args
        self.r = report
        self.work = work
        self.gcatrust = args.gcatrust
        self.failpoints = args.failpoints

    def gc(self, root, *args, binary=None, env=None):
        return run([binary or self.gcatrust, *args, "--method", "policies", "--root", root], env)

    # ----- crash -----------------------------------------------------------------------------

    def steps(self, root, command):
        """Every (step, n) the failpoint build reaches in `command` on a copy of root."""
        probe = shutil.copytree(root, root + ".probe", symlinks=True)
        log = os.path.join(self.work, "steps.log")
        if os.path.exists(log):
            os.remove(log)
        p = self.gc(probe, command, binary=self.failpoints, env={"GCATRUST_FAILPOINT_LOG": log})
        shutil.rmtree(probe)
        if p.returncode != 0:
            raise RuntimeError(f"probe {command} failed: {p.stdout}{p.stderr}")
        counts, steps = {}, []
        for line in open(log).read().split():
            counts[line] = counts.get(line, 0) + 1
            steps.append((line, counts[line]))
        return steps

    def crash_case(self, case, start_root, command, old, new, runs):
        """Kill `command` at every step; old/new: the bytes policies.json may hold afterwards
        (None = no file). Then check the reruns converge."""
        steps = self.steps(start_root, command)
        self.r.note(case, f"{len(steps)} crash points: " +
                    ", ".join(sorted({s for s, _ in steps})))
        leftovers_after_crash = 0
        for _ in range(runs):
            for step, n in steps:
                t0 = time.monotonic()
                root = shutil.copytree(start_root, os.path.join(self.work, "c"), symlinks=True)
                p = self.gc(root, command, binary=self.failpoints,
                            env={"GCATRUST_FAILPOINT": f"{step}@{n}"})
                where = f"{command} killed at {step}@{n}"
                self.r.row(case)["runs"] += 1
                self.r.check(case, p.returncode == -signal.SIGKILL,
                             f"{where}: exit {p.returncode}, wanted SIGKILL")
                now = read(os.path.join(root, POLICIES))
                self.r.check(case, now in (old, new),
                             f"{where}: policies.json is neither old nor new: {now!r:.200}",
                             lost=True)
                backup = read(os.path.join(root, POLICIES + ".gcatrust-backup"))
                if backup is not None:
                    try:
                        json.loads(backup)
                        valid = True
                    except ValueError:
                        valid = False
                    self.r.check(case, valid and backup == self.admin_original,
                                 f"{where}: backup is not the admin's original: {backup!r:.200}",
                                 lost=True)
                leftovers_after_crash += len(temp_leftovers(root))
                crashed = shutil.copytree(root, os.path.join(self.work, "c2"), symlinks=True)
                # Rerun 1: install converges to the planned file, then uninstall to the original.
                p1 = self.gc(root, "install")
                self.r.check(case, p1.returncode == 0 and
                             read(os.path.join(root, POLICIES)) == self.installed,
                             f"{where}, then install: exit {p1.returncode}, file "
                             f"{read(os.path.join(root, POLICIES))!r:.120} {p1.stderr}")
                st = self.gc(root, "status", "--json")
                self.r.check(case, st.returncode == 0 and '"installed"' in st.stdout,
                             f"{where}, then install: status {st.stdout:.300}")
                p2 = self.gc(root, "uninstall")
                self.r.check(case, p2.returncode == 0 and
                             tree(root) == self.original_tree,
                             f"{where}, then install + uninstall: not the original tree "
                             f"(exit {p2.returncode}) {sorted(set(tree(root)) ^ set(self.original_tree))}")
                # Rerun 2: uninstall straight after the crash gives back the admin's bytes.
                p3 = self.gc(crashed, "uninstall")
                self.r.check(case, p3.returncode == 0 and tree(crashed) == self.original_tree,
                             f"{where}, then uninstall: exit {p3.returncode}, "
                             f"differs: {sorted(set(tree(crashed)) ^ set(self.original_tree))} "
                             f"{p3.stderr}")
                shutil.rmtree(root)
                shutil.rmtree(crashed)
                self.r.row(case)["seconds"] += time.monotonic() - t0
        self.r.note(case, f"temp files left by the killed runs: {leftovers_after_crash} "
                          "(all gone after the reruns)")

    def crash(self):
        # The failpoint code must not be in the shipped executable.
        blob = read(self.gcatrust)
        self.r.check("crash.release-has-no-failpoints", b"GCATRUST_FAILPOINT" not in blob,
                     "the release gcatrust contains GCATRUST_FAILPOINT")
        self.r.row("crash.release-has-no-failpoints")["runs"] += 1
        fp = run([self.gcatrust, "list"], {"GCATRUST_FAILPOINT": "write.temp-created"})
        self.r.check("crash.release-has-no-failpoints", fp.returncode == 0,
                     "gcatrust honours GCATRUST_FAILPOINT")

        for label, policies in (("admin-file", admin_policies()), ("no-file", None)):
            self.admin_original = policies
            base = make_root(self.work, policies)
            self.original_tree = tree(base)
            installed = shutil.copytree(base, base + ".installed", symlinks=True)
            p = self.gc(installed, "install")
            if p.returncode != 0:
                raise RuntimeError(p.stdout + p.stderr)
            self.installed = read(os.path.join(installed, POLICIES))
            self.crash_case(f"crash.install.{label}", base, "install", policies, self.installed,
                            self.a.runs)
            self.crash_case(f"crash.uninstall.{label}", installed, "uninstall", self.installed,
                            policies, self.a.runs)
            shutil.rmtree(base)
            shutil.rmtree(installed)
        # strace: the temp file is fsynced before the rename, the directory after it.
        case = "crash.fsync-order"
        if shutil.which("strace"):
            root = make_root(self.work)
            p = run(["strace", "-f", "-e", "trace=openat,fsync,rename", self.gcatrust, "install",
                     "--method", "policies", "--root", root])
            lines = p.stderr.splitlines()
            self.r.row(case)["runs"] += 1
            target = os.path.join(root, POLICIES)
            renames = [i for i, l in enumerate(lines) if "rename(" in l and f'"{target}"' in l]
            ok = len(renames) == 1
            if ok:
                i = renames[0]
                before = lines[max(0, i - 3):i]
                after = lines[i + 1:i + 4]
                ok = any("fsync(" in l for l in before) and \
                    any("O_DIRECTORY" in l and os.path.dirname(target) in l for l in after) and \
                    any("fsync(" in l for l in after)
            self.r.check(case, ok, "no fsync(temp) < rename < fsync(dir) order in strace:\n" +
                         "\n".join(l for l in lines if "policies" in l or "fsync" in l))
            shutil.rmtree(root)
        else:
            self.r.note(case, "strace not installed: not checked")

    # ----- concurrency -----------------------------------------------------------------------

    def concurrency(self):
        case = "concurrency.parallel-runs"
        installed_bytes = None
        outcomes = {}
        for k in range(self.a.runs * 10):
            root = make_root(self.work)
            rnd = random.Random(k)
            t0 = time.monotonic()
            if k % 2 == 0:
                commands = ["install"] * 8
            else:
                commands = [rnd.choice(["install", "uninstall"]) for _ in range(8)]
            procs = [subprocess.Popen([self.gcatrust, c, "--method", "policies", "--root", root],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for c in commands]
            codes = [pr.wait() for pr in procs]
            errors = [pr.stderr.read() for pr in procs]
            for pr in procs:
                pr.stdout.close()
                pr.stderr.close()
            self.r.row(case)["runs"] += len(procs)
            self.r.row(case)["seconds"] += time.monotonic() - t0
            self.r.check(case, all(c == 0 for c in codes), f"exit codes {codes}: {errors}")
            now = read(os.path.join(root, POLICIES))
            backup = read(os.path.join(root, POLICIES + ".gcatrust-backup"))
            certs = sorted(os.listdir(os.path.join(root, CERT_DIR))) \
                if os.path.isdir(os.path.join(root, CERT_DIR)) else []
            if now == admin_policies():
                state = "uninstalled"
                ok = backup is None and certs == []
            else:
                if installed_bytes is None:
                    ref = make_root(self.work)
                    self.gc(ref, "install")
                    installed_bytes = read(os.path.join(ref, POLICIES))
                    shutil.rmtree(ref)
                state = "installed"
                ok = now == installed_bytes and backup == admin_policies() and len(certs) == 5
            # The state must be the one the last run to take the lock wanted; at least it is
            # one of the two whole states, never a mix.
            self.r.check(case, ok, f"{commands} left a mixed state: policies {now!r:.200}, "
                                   f"backup {backup!r:.80}, certs {certs}", lost=True)
            key = "8 x install" if k % 2 == 0 else "8 random install/uninstall"
            outcomes.setdefault(key, {}).setdefault(state, 0)
            outcomes[key][state] += 1
            shutil.rmtree(root)
        for key, counts in outcomes.items():
            self.r.note(case, f"{key}: final states {counts}")

        # The lock is what orders them: while another process holds it, install waits.
        case = "concurrency.waits-for-lock"
        if os.geteuid() == 0 and shutil.which("flock"):
            root = make_root(self.work)
            holder = subprocess.Popen(["flock", "/run/gcatrust.lock", "sleep", "2"])
            time.sleep(0.3)
            p, wall, _ = measure([self.gcatrust, "install", "--method", "policies", "--root",
                                  root])
            holder.wait()
            self.r.row(case)["runs"] += 1
            self.r.row(case)["seconds"] += wall
            self.r.check(case, p.returncode == 0 and "waiting" in p.stderr and wall >= 1.5,
                         f"exit {p.returncode} after {wall:.1f} s: {p.stderr}")
            self.r.note(case, f"install waited {wall:.1f} s for a 2 s holder: "
                              f"{p.stderr.strip().splitlines()[0] if p.stderr else ''}")
            shutil.rmtree(root)

        # An admin's edit between gcatrust's read and its write: gcatrust stops (SIGSTOP) right
        # after planning, the admin replaces the file (as an editor does), gcatrust goes on.
        case = "concurrency.admin-edit-mid-run"
        for k in range(self.a.runs * 3):
            for command in ("install", "uninstall"):
                root = make_root(self.work)
                if command == "uninstall":
                    self.gc(root, "install")
                policies = os.path.join(root, POLICIES)
                t0 = time.monotonic()
                pr = subprocess.Popen(
                    [self.failpoints, command, "--method", "policies", "--root", root],
                    env={"PATH": "/usr/bin:/bin", "GCATRUST_FAILPOINT": "policies.planned:stop"},
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                stopped = wait_stopped(pr.pid)
                doc = json.loads(read(policies))
                doc["policies"]["DisableTelemetry"] = True
                doc["policies"]["Certificates"]["Install"].append(f"/etc/ssl/edit-{k}.der")
                with open(policies + ".edit", "w") as f:
                    json.dump(doc, f, indent=2)
                os.replace(policies + ".edit", policies)
                os.kill(pr.pid, signal.SIGCONT)
                out, err = pr.communicate()
                self.r.row(case)["runs"] += 1
                self.r.row(case)["seconds"] += time.monotonic() - t0
                final = json.loads(read(policies))["policies"]
                install_list = final.get("Certificates", {}).get("Install", [])
                ours = [e for e in install_list if "gcatrust-" in e]
                self.r.check(case, stopped and pr.returncode == 0,
                             f"{command}: exit {pr.returncode} stopped={stopped} {err}")
                self.r.check(case, final.get("DisableTelemetry") is True and
                             f"/etc/ssl/edit-{k}.der" in install_list and
                             "/etc/ssl/admin-ca.der" in install_list,
                             f"{command}: the admin's edit was lost: {final}", lost=True)
                self.r.check(case, len(ours) == (5 if command == "install" else 0),
                             f"{command}: gcatrust entries {ours}")
                shutil.rmtree(root)
        self.r.note(case, "the edit is merged (re-read before the rename, planned again)")

    # ----- privilege -------------------------------------------------------------------------

    def refused(self, case, root, what, expect="refusing to write"):
        before = tree(root)
        p = self.gc(root, "install")
        self.r.row(case)["runs"] += 1
        self.r.check(case, p.returncode == 1 and expect in p.stderr,
                     f"{what}: exit {p.returncode}, wanted 1 and '{expect}': {p.stderr}")
        self.r.check(case, tree(root) == before, f"{what}: files changed", lost=True)
        return p

    def privilege(self):
        if os.geteuid() != 0:
            self.r.note("privilege", "skipped: needs root")
            return
        case = "privilege.untrusted-paths"
        for _ in range(self.a.runs):
            t0 = time.monotonic()
            dist = os.path.join(os.path.dirname(POLICIES))
            # A world-writable distribution directory.
            root = make_root(self.work)
            os.chmod(os.path.join(root, dist), 0o777)
            self.refused(case, root, "world-writable distribution/", "writable by every user")
            shutil.rmtree(root)
            # A distribution directory that belongs to a user.
            root = make_root(self.work)
            os.chown(os.path.join(root, dist), NOBODY, NOBODY)
            self.refused(case, root, "distribution/ of nobody", "belongs to uid 65534")
            shutil.rmtree(root)
            # policies.json a user's symlink into a world-writable /tmp-like directory.
            root = make_root(self.work)
            tmp = os.path.join(root, "tmp")
            os.mkdir(tmp)
            os.chmod(tmp, 0o1777)
            with open(os.path.join(tmp, "evil.json"), "w") as f:
                f.write('{"policies": {}}')
            os.remove(os.path.join(root, POLICIES))
            os.symlink("../../../tmp/evil.json", os.path.join(root, POLICIES))
            self.refused(case, root, "policies.json -> world-writable tmp/ (root's link)",
                         "writable by every user")
            os.lchown(os.path.join(root, POLICIES), NOBODY, NOBODY)
            self.refused(case, root, "policies.json -> tmp/ (nobody's link)",
                         "symbolic link of uid 65534")
            shutil.rmtree(root)
            # The firefox directory itself in a user's home.
            root = make_root(self.work)
            os.chown(os.path.join(root, "opt/firefox"), NOBODY, NOBODY)
            self.refused(case, root, "firefox dir of nobody", "belongs to uid 65534")
            shutil.rmtree(root)
            # A group-writable directory of a non-root group.
            root = make_root(self.work)
            os.chown(os.path.join(root, dist), 0, NOBODY)
            os.chmod(os.path.join(root, dist), 0o775)
            self.refused(case, root, "distribution/ group-writable by nogroup",
                         "writable by group 65534")
            shutil.rmtree(root)
            self.r.row(case)["seconds"] += time.monotonic() - t0

        # The run lock: root's, 0600, so no user can hold it to stall root's runs.
        case = "privilege.run-lock"
        self.gc(make_root(self.work), "install")
        st = os.lstat("/run/gcatrust.lock")
        self.r.row(case)["runs"] += 1
        self.r.check(case, stat.S_ISREG(st.st_mode) and st.st_uid == 0 and
                     stat.S_IMODE(st.st_mode) == 0o600,
                     f"/run/gcatrust.lock: uid {st.st_uid} mode {oct(st.st_mode)}")
        grab = run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                    sys.executable, "-c", "open('/run/gcatrust.lock')"])
        self.r.check(case, grab.returncode != 0 and "Permission denied" in grab.stderr,
                     f"nobody could open the lock file: {grab.returncode} {grab.stderr}")

        case = "privilege.debian-link-and-modes"
        for _ in range(self.a.runs):
            t0 = time.monotonic()
            root = make_root(self.work, None)
            make_firefox(os.path.join(root, "usr/lib/firefox-esr"))
            shutil.rmtree(os.path.join(root, "opt"))
            os.makedirs(os.path.join(root, "usr/share/firefox-esr/distribution"))
            # As Debian ships it: a root-owned relative link (installer/docs/facts.md §2.2).
            os.symlink("../../share/firefox-esr/distribution",
                       os.path.join(root, "usr/lib/firefox-esr/distribution"))
            old_umask = os.umask(0o077)
            try:
                p = self.gc(root, "install")
            finally:
                os.umask(old_umask)
            self.r.row(case)["runs"] += 1
            self.r.check(case, p.returncode == 0, f"Debian link: exit {p.returncode} {p.stderr}")
            dist = os.path.join(root, "usr/share/firefox-esr/distribution")
            made = [os.path.join(dist, "policies.json"), os.path.join(dist, "certificates")] + \
                [os.path.join(dist, "certificates", f)
                 for f in sorted(os.listdir(os.path.join(dist, "certificates")))]
            for path in made:
                st = os.lstat(path)
                want = 0o755 if stat.S_ISDIR(st.st_mode) else 0o644
                self.r.check(case, st.st_uid == 0 and st.st_gid == 0 and
                             stat.S_IMODE(st.st_mode) == want,
                             f"{path}: uid {st.st_uid} gid {st.st_gid} mode "
                             f"{oct(stat.S_IMODE(st.st_mode))} (umask 077 run)")
            self.r.check(case, os.path.islink(os.path.join(root,
                                                           "usr/lib/firefox-esr/distribution")),
                         "the distribution link was replaced")
            shutil.rmtree(root)
            self.r.row(case)["seconds"] += time.monotonic() - t0

        case = "privilege.nss-worker-as-owner"
        if not shutil.which("certutil"):
            self.r.note(case, "no certutil: not checked")
            return
        for _ in range(self.a.runs):
            t0 = time.monotonic()
            home = tempfile.mkdtemp(dir=self.work)
            os.chmod(home, 0o755)
            prof = os.path.join(home, ".mozilla/firefox/p.default")
            os.makedirs(prof)
            run(["certutil", "-N", "-d", f"sql:{prof}", "--empty-password"])
            os.remove(os.path.join(prof, "key4.db"))  # NSS makes it again: as whom?
            with open(os.path.join(home, ".mozilla/firefox/profiles.ini"), "w") as f:
                f.write("[Profile0]\nName=p\nIsRelative=1\nPath=p.default\nDefault=1\n")
            for d, dirs, files in os.walk(home):
                for n in dirs + files:
                    os.lchown(os.path.join(d, n), NOBODY, NOBODY)
            os.chown(home, NOBODY, NOBODY)
            p = run([self.gcatrust, "install", "--method", "nss", "--profile", prof])
            self.r.row(case)["runs"] += 1
            owners = {n: os.stat(os.path.join(prof, n)).st_uid for n in os.listdir(prof)}
            self.r.check(case, p.returncode == 0 and "key4.db" in owners and
                         set(owners.values()) == {NOBODY},
                         f"exit {p.returncode}, owners {owners}: {p.stdout}{p.stderr}")
            shutil.rmtree(home)
            self.r.row(case)["seconds"] += time.monotonic() - t0

    # ----- big and odd inputs ----------------------------------------------------------------

    def inputs(self):
        # Two shapes of about 10 MB: "nested" spreads the keys over many objects (as real files
        # do, only bigger); "wide" puts 32,000 keys in one object, once per report.
        shapes = {
            "nested": {"policies": {
                "ExtensionSettings": {f"ext{i}@example.org": {
                    f"key{j}": {"install_url": f"https://addons.example/{i}/{j}/" + "x" * 40,
                                "note": "設定 " * 3} for j in range(84)} for i in range(700)},
                "Certificates": {"Install": [f"/etc/ssl/admin-{i}.der" for i in range(2000)]},
            }},
            "wide": {"policies": {
                "ExtensionSettings": {f"ext{i}@example.org": {
                    "installation_mode": "allowed",
                    "install_url": f"https://addons.example/{i}/" + "x" * 120,
                    "note": "設定 " * 5} for i in range(32000)},
                "Certificates": {"Install": [f"/etc/ssl/admin-{i}.der" for i in range(2000)]},
            }},
        }
        if self.a.skip_wide:
            del shapes["wide"]
        for shape, big in shapes.items():
            case = f"inputs.10MB-policies-{shape}"
            text = json.dumps(big, ensure_ascii=False, indent=2).encode()
            for k in range(self.a.runs if shape == "nested" else 1):
                root = make_root(self.work, text)
                p, wall, rss = measure([self.gcatrust, "install", "--method", "policies",
                                        "--root", root])
                self.r.row(case)["runs"] += 1
                self.r.row(case)["seconds"] += wall
                after = json.loads(read(os.path.join(root, POLICIES)))["policies"]
                install = after["Certificates"]["Install"]
                kept = after["ExtensionSettings"] == big["policies"]["ExtensionSettings"] and \
                    install[:2000] == big["policies"]["Certificates"]["Install"] and \
                    len(install) == 2005
                self.r.check(case, p.returncode == 0 and kept, f"install: exit {p.returncode}, "
                             f"every key kept: {kept} {p.stderr:.300}", lost=True)
                p2, wall2, rss2 = measure([self.gcatrust, "uninstall", "--method", "policies",
                                           "--root", root])
                self.r.row(case)["seconds"] += wall2
                self.r.check(case, p2.returncode == 0 and
                             read(os.path.join(root, POLICIES)) == text,
                             "uninstall: not the original bytes", lost=True)
                if k == 0:
                    self.r.note(case, f"{len(text) / 1e6:.1f} MB: install {wall:.2f} s "
                                      f"(peak RSS {rss / 1024:.0f} MiB), uninstall {wall2:.2f} s "
                                      f"(peak RSS {rss2 / 1024:.0f} MiB)")
                shutil.rmtree(root)

        case = "inputs.odd-paths-bom-crlf"
        for _ in range(self.a.runs):
            t0 = time.monotonic()
            parent = os.path.join(self.work, "測試 root 'single' \"double\"")
            os.makedirs(parent, exist_ok=True)
            os.chmod(parent, 0o755)
            root = make_root(parent, admin_policies())
            odd_ff = os.path.join(root, "opt/火狐 瀏覽器 'q'")
            os.rename(os.path.join(root, "opt/firefox"), odd_ff)
            before = tree(root)
            p = run([self.gcatrust, "install", "--method", "policies", "--root", root])
            pol = os.path.join(odd_ff, "distribution/policies.json")
            entries = json.loads(read(pol))["policies"]["Certificates"]["Install"]
            ok = p.returncode == 0 and len(entries) == 6 and all(
                os.path.exists(os.path.join(root, e.lstrip("/"))) for e in entries[1:])
            self.r.row(case)["runs"] += 1
            self.r.check(case, ok, f"odd path install: {p.returncode} {entries} {p.stderr}")
            p = run([self.gcatrust, "uninstall", "--method", "policies", "--root", root])
            self.r.check(case, p.returncode == 0 and tree(root) == before,
                         f"odd path uninstall: {p.returncode} {p.stderr}", lost=True)
            shutil.rmtree(parent)
            self.r.row(case)["seconds"] += time.monotonic() - t0
            if shutil.which("certutil"):
                self.bom_crlf(case)

        self.many_profiles()
        self.read_only_medium()

    def as_user(self, home):
        """Command prefix: run as nobody (when root) with only this HOME."""
        base = ["env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"]
        if os.geteuid() == 0:
            return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] + base
        return base

    def new_db(self, path):
        os.makedirs(path)
        p = run(["certutil", "-N", "-d", f"sql:{path}", "--empty-password"])
        if p.returncode != 0:
            raise RuntimeError(p.stderr)

    def bom_crlf(self, case):
        """profiles.ini with a UTF-8 BOM and CRLF lines; profile paths with Chinese, spaces and
        quotes, one relative, one absolute."""
        home = tempfile.mkdtemp(dir=self.work)
        os.chmod(home, 0o755)
        ff = os.path.join(home, ".mozilla/firefox")
        rel = "王小明 的 'profile' \"one\""
        absolute = os.path.join(home, "其他 位置 'two'")
        self.new_db(os.path.join(ff, rel))
        self.new_db(absolute)
        ini = (f"[General]\r\nStartWithLastProfile=1\r\n\r\n[Profile0]\r\nName=a\r\nIsRelative=1"
               f"\r\nPath={rel}\r\nDefault=1\r\n\r\n[Profile1]\r\nName=b\r\nIsRelative=0\r\n"
               f"Path={absolute}\r\n")
        with open(os.path.join(ff, "profiles.ini"), "wb") as f:
            f.write(b"\xef\xbb\xbf" + ini.encode())
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", home], check=True)
        shutil.copy(self.gcatrust, os.path.join(home, "gcatrust"))
        p = run(self.as_user(home) + [os.path.join(home, "gcatrust"), "install", "--method",
                                      "nss", "--browser", "firefox", "--json"])
        try:
            profiles = json.loads(p.stdout)["profiles"]
            dirs = sorted(x.get("profile", x.get("path", "")) for x in profiles)
            results = [x.get("result") for x in profiles]
        except (ValueError, KeyError):
            dirs, results = [], []
        ok = p.returncode == 0 and len(profiles if dirs else []) == 2 and \
            all(r == "changed" for r in results)
        self.r.check(case, ok, f"BOM+CRLF profiles.ini: exit {p.returncode}, {dirs} {results} "
                               f"{p.stdout:.500} {p.stderr:.300}")
        for d in (os.path.join(ff, rel), absolute):
            listed = run(["certutil", "-L", "-d", f"sql:{d}"]).stdout
            self.r.check(case, listed.count("gcatrust") == 5, f"{d}: certutil -L {listed}")
        shutil.rmtree(home)

    def many_profiles(self):
        case = f"inputs.{self.a.profiles}-profiles-nss"
        if not shutil.which("certutil"):
            self.r.note(case, "no certutil: not checked")
            return
        home = tempfile.mkdtemp(dir=self.work)
        os.chmod(home, 0o755)
        ff = os.path.join(home, ".mozilla/firefox")
        template = os.path.join(self.work, "template-db")
        self.new_db(template)
        ini = ["[General]", "StartWithLastProfile=1", ""]
        for i in range(self.a.profiles):
            d = os.path.join(ff, f"p{i:04d}.default")
            shutil.copytree(template, d)
            ini += [f"[Profile{i}]", f"Name=p{i}", "IsRelative=1", f"Path=p{i:04d}.default", ""]
        with open(os.path.join(ff, "profiles.ini"), "w") as f:
            f.write("\n".join(ini))
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", home], check=True)
        shutil.copy(self.gcatrust, os.path.join(home, "gcatrust"))
        for _ in range(1):  # minutes per run: once per report
            for command in ("install", "uninstall"):
                p, wall, rss = measure(self.as_user(home) + [os.path.join(home, "gcatrust"),
                                                             command, "--method", "nss", "--browser", "firefox", "--json"])
                self.r.row(case)["runs"] += 1
                self.r.row(case)["seconds"] += wall
                try:
                    results = [x.get("result") for x in json.loads(p.stdout)["profiles"]]
                except (ValueError, KeyError):
                    results = []
                ok = p.returncode == 0 and len(results) == self.a.profiles and \
                    all(r == "changed" for r in results)
                self.r.check(case, ok, f"{command}: exit {p.returncode}, {len(results)} results "
                                       f"{sorted(set(map(str, results)))} {p.stderr:.300}")
                last = os.path.join(ff, f"p{self.a.profiles - 1:04d}.default")
                listed = run(["certutil", "-L", "-d", f"sql:{last}"]).stdout
                want = 5 if command == "install" else 0
                self.r.check(case, listed.count("gcatrust") == want,
                             f"after {command}, the last profile lists: {listed}")
                self.r.note(case, f"{command}: {wall:.1f} s for {self.a.profiles} profiles "
                                  f"({wall / self.a.profiles * 1000:.1f} ms each), peak RSS "
                                  f"{rss / 1024:.1f} MiB (gcatrust and its NSS workers)")
        shutil.rmtree(home)
        shutil.rmtree(template)

    def read_only_medium(self):
        case = "inputs.read-only-medium"
        medium = tempfile.mkdtemp(dir=self.work)
        os.chmod(medium, 0o755)
        shutil.copy(self.gcatrust, os.path.join(medium, "gcatrust"))
        root = make_root(self.work)
        # A private mount namespace, so the read-only bind mount vanishes with the shell.
        script = f"""set -e
mount --bind "{medium}" "{medium}"
mount -o remount,ro,bind "{medium}"
if touch "{medium}/probe" 2>/dev/null; then echo "medium writable"; exit 3; fi
"{medium}/gcatrust" install --method policies --root "{root}"
"{medium}/gcatrust" status --method policies --root "{root}"
"{medium}/gcatrust" uninstall --method policies --root "{root}"
"""
        t0 = time.monotonic()
        p = run(["unshare", "-m", "--propagation", "private", "bash", "-c", script])
        self.r.row(case)["runs"] += 1
        self.r.row(case)["seconds"] += time.monotonic() - t0
        if p.returncode != 0 and ("Operation not permitted" in p.stderr or
                                  "permission denied" in p.stderr.lower()) and \
                "installed" not in p.stdout:
            self.r.note(case, f"mounting not possible here: {p.stderr.strip()[:200]}")
        else:
            self.r.check(case, p.returncode == 0 and "installed" in p.stdout,
                         f"gcatrust on a read-only bind mount: exit {p.returncode} "
                         f"{p.stdout} {p.stderr}")
            self.r.check(case, read(os.path.join(root, POLICIES)) == admin_policies(),
                         "after install + uninstall from the read-only medium", lost=True)
            if p.returncode == 0:
                self.r.note(case, "read-only bind mount (unshare -m; mount --bind; "
                                  "remount,ro,bind): install, status, uninstall ok")
        shutil.rmtree(root)
        shutil.rmtree(medium)


def wait_stopped(pid, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state == "T":
            return True
        time.sleep(0.005)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gcatrust", required=True)
    ap.add_argument("--failpoints", required=True)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--profiles", type=int, default=1000)
    ap.add_argument("--skip-wide", action="store_true",
                    help="leave out the slow 10 MB single-object policies.json")
    ap.add_argument("--case", action="append",
                    choices=["crash", "concurrency", "privilege", "inputs"])
    a = ap.parse_args()
    a.gcatrust = os.path.abspath(a.gcatrust)
    a.failpoints = os.path.abspath(a.failpoints)
    report = Report()
    work = tempfile.mkdtemp(prefix="gcatrust-reliability-")
    os.chmod(work, 0o755)
    try:
        cases = Cases(a, report, work)
        for name in a.case or ["crash", "concurrency", "privilege", "inputs"]:
            start = time.monotonic()
            print(f"== {name}", flush=True)
            getattr(cases, name)()
            print(f"== {name}: {time.monotonic() - start:.1f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.print(a.runs)
    if report.failures:
        return 1
    if not report.rows or all(r["runs"] == 0 for r in report.rows.values()):
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
