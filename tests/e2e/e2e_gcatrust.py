"""Running gcatrust, building organisation variants of it, and reading what it wrote."""

import json
import os
import subprocess
import time

from e2e_util import CheckFailed, log


def run(exe, *args, timeout=120, as_user=None, env=None):
    """Runs gcatrust and prints what it said. Returns the CompletedProcess. `as_user`: an
    e2e_util.Account to run as; `env`: the environment (default: this process's)."""
    cmd = [exe, *args]
    if as_user is not None:
        cmd = as_user.prefix() + cmd
    t = time.monotonic()
    env = dict(os.environ if env is None else env, LANG="C.UTF-8")
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                         stdin=subprocess.DEVNULL)
    log("gcatrust: %s%s -> exit %d (%.2fs)" % ("(as %s) " % as_user.name if as_user else "",
                                              " ".join(args), res.returncode, time.monotonic() - t))
    for name, text in (("stdout", res.stdout), ("stderr", res.stderr)):
        text = text.rstrip()
        if text:
            lines = text.splitlines()
            shown = lines[:40] + (["... (%d more lines)" % (len(lines) - 40)] if len(lines) > 40 else [])
            for line in shown:
                log("    %s| %s" % (name, line))
    return res


def _find_executable(build_dir, name="gcatrust"):
    preferred = [os.path.join(build_dir, "installer", name), os.path.join(build_dir, name)]
    for p in preferred:
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    for root, dirs, files in os.walk(build_dir):
        dirs[:] = [d for d in dirs if d != "CMakeFiles"]
        if name in files:
            p = os.path.join(root, name)
            if os.access(p, os.X_OK):
                return p
    raise RuntimeError("no %s executable found under %s" % (name, build_dir))


def build_variant(source, manifest, build_dir, cmake="cmake", generator="Ninja", extra=()):
    """An organisation's own build: configure with GCATRUST_CERT_MANIFEST and build target gcatrust."""
    t = time.monotonic()
    configure = [cmake, "-S", source, "-B", build_dir, "-G", generator,
                 "-DGCATRUST_CERT_MANIFEST=" + manifest, "-DGCATRUST_BUILD_TESTS=OFF", *extra]
    build = [cmake, "--build", build_dir, "--target", "gcatrust"]
    for cmd in (configure, build):
        log("variant: %s" % " ".join(cmd))
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            out = (res.stdout + res.stderr).rstrip().splitlines()
            for line in out[-60:]:
                log("    | %s" % line)
            raise RuntimeError("variant build failed (exit %d): %s" % (res.returncode, " ".join(cmd)))
    exe = _find_executable(build_dir)
    log("variant: built %s in %.1fs" % (exe, time.monotonic() - t))
    return exe


def run_json(exe, *args, **kw):
    """run(...) with --json; returns (CompletedProcess, parsed document or None)."""
    res = run(exe, *args, "--json", **kw)
    try:
        doc = json.loads(res.stdout)
    except ValueError:
        doc = None
    return res, doc


def profile_entries(doc):
    """{profile path: entry} of a `--json` document's "profiles" list."""
    if not isinstance(doc, dict) or not isinstance(doc.get("profiles"), list):
        raise CheckFailed("--json output has no \"profiles\" list: %r" % (doc,))
    return {e.get("profile"): e for e in doc["profiles"] if isinstance(e, dict)}


def load_policies(path):
    """Parsed policies.json, or None when the file does not exist."""
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        data = f.read()
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError as e:
        raise CheckFailed("%s is not valid UTF-8 JSON (%s): %r" % (path, e, data[:200]))


def install_list(doc):
    if doc is None:
        return []
    certs = doc.get("policies", {}).get("Certificates", {})
    lst = certs.get("Install", []) if isinstance(certs, dict) else []
    return lst if isinstance(lst, list) else []


def same_file_path(a, b):
    return os.path.realpath(a) == os.path.realpath(b)


def der_name(cert_id):
    return "gcatrust-%s.der" % cert_id
