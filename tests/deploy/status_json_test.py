#!/usr/bin/env python3
"""Pins the --json output of install/uninstall/status to installer/deploy/status-json.schema.json
and the schema to its documentation (installer/deploy/status-json.md).

usage: status_json_test.py GCATRUST SOURCE_DIR WORK_DIR

On an image root made here (a Firefox folder, an /etc/passwd user with a profile made by
certutil), every command and method runs, also as a dry run, on a malformed policies.json and
with no Firefox, and each output must validate against the schema (jsonschema, draft 2020-12).
The results and exit codes that a fleet's detection rule relies on are checked by value too.
Every property the schema names must be described in status-json.md, and every result value
listed there. Exit status: 0 pass, 1 fail, 77 skipped (no python3-jsonschema, no certutil).
"""

import json
import os
import re
import shutil
import subprocess
import sys


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def main():
    exe, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
    try:
        import jsonschema
    except ImportError:
        print("SKIP: needs python3-jsonschema")
        return 77
    if not shutil.which("certutil"):
        print("SKIP: needs certutil (libnss3-tools)")
        return 77
    schema_path = os.path.join(source, "installer", "deploy", "status-json.schema.json")
    doc_path = os.path.join(source, "installer", "deploy", "status-json.md")
    with open(schema_path) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    # The documentation names every property and every enumerated value of the schema.
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    names, values = set(), set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.get("properties", {}).items():
                names.add(k)
            for v in node.get("enum", []):
                values.add(v)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(schema)
    for name in sorted(names):
        if "`%s`" % name not in doc:
            fail("status-json.md does not describe the field `%s`" % name)
    for value in sorted(values, key=str):
        shown = "`%s`" % (json.dumps(value) if not isinstance(value, str) else value)
        if shown not in doc and "`%s`" % value not in doc:
            fail("status-json.md does not list the value %s" % shown)
    print("ok: status-json.md describes %d fields and %d values of the schema" % (len(names), len(values)))

    # An image: a Firefox installation and a user with a profile.
    root = os.path.join(work, "status-json-root")
    shutil.rmtree(root, ignore_errors=True)
    ff = os.path.join(root, "usr/lib/firefox-esr")
    os.makedirs(ff)
    for n in ("application.ini", "firefox-esr"):
        open(os.path.join(ff, n), "w").close()
    os.makedirs(os.path.join(root, "etc"))
    uid = os.getuid()
    with open(os.path.join(root, "etc/passwd"), "w") as f:
        f.write("alice:x:%d:%d::/home/alice:/bin/sh\n" % (uid, os.getgid()))
    base = os.path.join(root, "home/alice/.mozilla/firefox")
    os.makedirs(os.path.join(base, "a.default-esr"))
    with open(os.path.join(base, "profiles.ini"), "w") as f:
        f.write("[Profile0]\nName=default-esr\nIsRelative=1\nPath=a.default-esr\nDefault=1\n")
    subprocess.run(["certutil", "-N", "-d", "sql:" + os.path.join(base, "a.default-esr"),
                    "--empty-password"], check=True, capture_output=True)

    def run(*args):
        res = subprocess.run([exe, *args, "--json", "--root", root], capture_output=True, text=True,
                             env=dict(os.environ, LANG="C.UTF-8"))
        try:
            out = json.loads(res.stdout)
        except ValueError:
            fail("%s: no JSON on stdout (exit %d): %r %r" % (" ".join(args), res.returncode, res.stdout, res.stderr))
        errors = sorted(validator.iter_errors(out), key=lambda e: list(e.path))
        if errors:
            fail("%s: output does not match the schema: %s\n%s" % (
                " ".join(args), "; ".join("%s: %s" % (list(e.path), e.message) for e in errors[:5]),
                json.dumps(out, indent=1)[:2000]))
        if out["exit_code"] != res.returncode:
            fail("%s: exit_code %d but the process exited %d" % (" ".join(args), out["exit_code"], res.returncode))
        print("ok: %-40s exit %d, matches the schema" % (" ".join(args), res.returncode))
        return out

    seen = set()
    for method in ("policies", "nss", "auto"):
        m = ["--method", method]
        st = run("status", *m)
        want_keys = {"policies": {"targets"}, "nss": {"profiles"}, "auto": {"targets", "profiles"}}[method]
        if not want_keys <= set(st) or ({"targets", "profiles"} - want_keys) & set(st):
            fail("status --method %s: keys %s" % (method, sorted(st)))
        run("install", "--dry-run", *m)
        ins = run("install", *m)
        again = run("install", *m)
        st = run("status", *m)
        for t in st.get("targets", []):
            if t["result"] != "installed" or t["missing"]:
                fail("status after install: target %s" % t)
        for p in st.get("profiles", []):
            if set(p["certificates"].values()) != {"trusted"}:
                fail("status after install: profile %s" % p)
        for item in again.get("targets", []) + again.get("profiles", []):
            if item["result"] != "unchanged":
                fail("a second install must report unchanged: %s" % item)
        for item in ins.get("targets", []) + ins.get("profiles", []):
            if item["result"] != "changed":
                fail("the first install must report changed: %s" % item)
        run("uninstall", "--dry-run", *m)
        run("uninstall", *m)
        st = run("status", *m)
        for t in st.get("targets", []):
            if t["result"] != "not-installed":
                fail("status after uninstall: target %s" % t)
        for out in (ins, again, st):
            for item in out.get("targets", []) + out.get("profiles", []):
                seen.add(item["result"])

    # A malformed policies.json: failed, with an error, exit 1.
    pol = os.path.join(ff, "distribution", "policies.json")
    os.makedirs(os.path.dirname(pol), exist_ok=True)
    with open(pol, "w") as f:
        f.write("{ not json")
    out = run("status", "--method", "policies")
    if out["exit_code"] != 1 or out["targets"][0]["result"] != "failed":
        fail("malformed policies.json: %s" % out)
    run("install", "--method", "policies")
    os.remove(pol)
    # No Firefox: exit 5, no targets (auto would still report the profiles).
    shutil.rmtree(ff)
    out = run("status", "--method", "policies")
    if out["exit_code"] != 5 or out["targets"]:
        fail("no Firefox: %s" % out)
    print("ok: results seen: %s" % ", ".join(sorted(seen)))
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
