"""Reading a Firefox profile's cert9.db with the NSS that Firefox itself ships.

Debian's certutil (NSS 3.87) shows policy-imported CAs with trust ",," because newer NSS stores
trust as PKCS #11 3.2 trust objects. Run with LD_LIBRARY_PATH=<firefox dir>, the same certutil
binary loads Firefox's libnss3/libsoftokn3/libfreeblpriv3 and reads the trust Firefox wrote.
"""

import os
import re
import subprocess

from e2e_util import log

CERTUTIL = os.environ.get("GCATRUST_E2E_CERTUTIL", "certutil")


def _env(firefox_dir, extra=None):
    env = dict(os.environ, LD_LIBRARY_PATH=firefox_dir, LANG="C")
    env.pop("LD_PRELOAD", None)
    if extra:
        env.update(extra)
    return env


def uses_firefox_nss(firefox_dir, profile):
    """True when certutil, so started, initialised Firefox's own softoken (seen with LD_DEBUG)."""
    res = subprocess.run([CERTUTIL, "-L", "-d", "sql:" + profile], capture_output=True, text=True,
                         env=_env(firefox_dir, {"LD_DEBUG": "libs"}), timeout=60)
    want = os.path.join(firefox_dir, "libsoftokn3.so")
    inits = [l.split("calling init:")[1].strip() for l in res.stderr.splitlines() if "calling init:" in l]
    soft = [p for p in inits if "softokn3" in p]
    log("nss: certutil initialised softoken %s" % (soft or "none"))
    return any(os.path.realpath(p) == os.path.realpath(want) for p in soft)


def _parse_pretty(text):
    """[(sha256 hex, [SSL trust flags])] from `certutil -L -n NICK` pretty output, which prints
    every certificate of that subject (same-named CAs share one nickname lookup)."""
    out = []
    for block in re.split(r"(?m)^Certificate:\s*$", text):
        m = re.search(r"Fingerprint \(SHA-256\):\s*\n\s*([0-9A-Fa-f:]+)", block)
        if not m:
            continue
        fp = m.group(1).replace(":", "").lower()
        ssl = re.search(r"SSL Flags:\s*\n(.*?)(?:\n\s*Email Flags:|\Z)", block, re.S)
        flags = [l.strip() for l in ssl.group(1).splitlines() if l.strip()] if ssl else []
        out.append((fp, flags))
    return out


def list_certs(firefox_dir, profile):
    """{sha256 hex: (nickname, [SSL trust flags])} of every certificate in sql:<profile>, as
    Firefox's NSS reads it ("Trusted CA" among the flags = a trust anchor for TLS)."""
    res = subprocess.run([CERTUTIL, "-L", "-d", "sql:" + profile], capture_output=True, text=True,
                         env=_env(firefox_dir), timeout=60)
    if res.returncode != 0:
        raise RuntimeError("certutil -L failed (%d): %s" % (res.returncode, res.stderr))
    log("nss: certutil -L (Firefox's NSS):")
    for line in res.stdout.strip("\n").splitlines():
        log("nss: | %s" % line)
    nicks = []
    for line in res.stdout.splitlines():
        m = re.match(r"^(.*\S)\s+([A-Za-z]*,[A-Za-z]*,[A-Za-z]*)\s*$", line)
        if m and not line.startswith("Certificate Nickname"):
            nicks.append(m.group(1))
    found = {}
    for nick in nicks:
        pretty = subprocess.run([CERTUTIL, "-L", "-d", "sql:" + profile, "-n", nick],
                                capture_output=True, text=True, env=_env(firefox_dir), timeout=60)
        certs = _parse_pretty(pretty.stdout)
        if not certs:
            log("nss: could not read %r (%s)" % (nick, pretty.stderr.strip()))
        for fp, flags in certs:
            found.setdefault(fp, (nick, flags))
    for fp, (nick, flags) in sorted(found.items(), key=lambda kv: kv[1][0]):
        log("nss: sha256 %s  SSL flags %s" % (fp, flags))
    return found


def create_db(firefox_dir, profile, password=None, as_user=None):
    """A new sql: database in `profile` made with Firefox's NSS, as Firefox makes one: empty
    password, or the given Primary Password. `as_user`: an e2e_util.Account to do it as."""
    cmd = [CERTUTIL, "-N", "-d", "sql:" + profile]
    if password is None:
        cmd.append("--empty-password")
    else:
        pw_file = os.path.join(profile, ".pw-for-test")
        with open(pw_file, "w") as f:
            f.write(password + "\n")
        if as_user:
            os.chown(pw_file, as_user.uid, as_user.gid)
        cmd += ["-f", pw_file]
    if as_user:
        cmd = as_user.prefix() + cmd
    res = subprocess.run(cmd, capture_output=True, text=True, env=_env(firefox_dir), timeout=60)
    if password is not None:
        os.remove(pw_file)
    if res.returncode != 0:
        raise RuntimeError("certutil -N failed (%d): %s" % (res.returncode, res.stderr))
    log("nss: created sql:%s (%s)" % (profile, "empty password" if password is None else "Primary Password"))
