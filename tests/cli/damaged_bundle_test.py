#!/usr/bin/env python3
"""A gcatrust whose embedded bundle is damaged must refuse to act.

Finds the compressed bundle (as generated into the build tree) inside a copy of the real
executable, flips one byte of it, and checks that every command stops with exit 1 and a
"damaged" message before touching anything. Usage: damaged_bundle_test.py GCATRUST GENERATED_CPP
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def snapshot(root):
    """Every path under root with its bytes (files) or None (directories)."""
    out = {}
    for d, dirs, files in os.walk(root):
        for name in dirs:
            out[os.path.relpath(os.path.join(d, name), root)] = None
        for name in files:
            out[os.path.relpath(os.path.join(d, name), root)] = open(os.path.join(d, name), "rb").read()
    return out


def main() -> int:
    gcatrust, generated = sys.argv[1], sys.argv[2]
    text = open(generated, encoding="utf-8").read()
    array = re.search(r"kCompressedBundle\[\] = \{(.*?)\};", text, re.S).group(1)
    bundle = bytes(int(b, 16) for b in re.findall(r"0x([0-9a-f]{2})", array))
    binary = open(gcatrust, "rb").read()
    at = binary.find(bundle)
    if at < 0 or binary.find(bundle, at + 1) >= 0:
        print(f"FAIL: the bundle ({len(bundle)} bytes) is not in {gcatrust} exactly once")
        return 1
    with tempfile.TemporaryDirectory() as work:
        damaged = os.path.join(work, "gcatrust")
        middle = at + len(bundle) // 2
        open(damaged, "wb").write(binary[:middle] + bytes([binary[middle] ^ 0x01]) + binary[middle + 1:])
        shutil.copymode(gcatrust, damaged)
        root = os.path.join(work, "root")
        os.makedirs(os.path.join(root, "opt/firefox"))
        for name in ("application.ini", "firefox"):
            open(os.path.join(root, "opt/firefox", name), "w").close()
        # An admin's policies.json and an earlier install's files: nothing may change.
        dist = os.path.join(root, "opt/firefox/distribution")
        os.makedirs(os.path.join(dist, "certificates"))
        open(os.path.join(dist, "policies.json"), "w").write('{"policies": {"DisableAppUpdate": true}}')
        open(os.path.join(dist, "certificates", "gcatrust-gca2.der"), "wb").write(b"old")
        before = snapshot(root)
        failures = 0
        commands = (["list"], ["export", os.path.join(work, "out")],
                    ["install", "--method", "policies", "--root", root],
                    ["uninstall", "--method", "policies", "--root", root],
                    ["install", "--method", "nss", "--root", root],
                    ["status", "--root", root])
        for args in commands:
            run = subprocess.run([damaged, *args], capture_output=True, text=True)
            ok = run.returncode == 1 and "damaged" in run.stderr
            print(("ok" if ok else "FAIL") + f": {' '.join(args[:1])} -> exit {run.returncode}: {run.stderr.strip()}")
            failures += not ok
        if os.path.exists(os.path.join(work, "out")) or snapshot(root) != before:
            print("FAIL: a damaged gcatrust wrote files")
            failures += 1
        intact = subprocess.run([gcatrust, "list"], capture_output=True)
        if intact.returncode != 0:
            print("FAIL: the intact gcatrust does not run")
            failures += 1
    print(f"{len(commands) + 2 - min(failures, len(commands) + 2)} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
