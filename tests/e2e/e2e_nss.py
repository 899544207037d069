"""Reading a Firefox profile's cert9.db with the NSS that Firefox itself ships.

Debian's certutil (NSS 3.87) shows policy-imported CAs with trust ",," because newer NSS stores
trust as PKCS #11 3.2 trust objects. Run with LD_LIBRARY_PATH=<firefox dir>, the same certutil
binary loads Firefox's libnss3/libsoftokn3/libfreeblpriv3 and reads the trust Firefox wrote.
"""

import os
import re
import subprocess

from e2e_pki import all_pem_ders, sha256_hex
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


def list_certs(firefox_dir, profile):
    """{sha256 hex: (nickname, trust string)} of every certificate in sql:<profile>."""
    res = subprocess.run([CERTUTIL, "-L", "-d", "sql:" + profile], capture_output=True, text=True,
                         env=_env(firefox_dir), timeout=60)
    if res.returncode != 0:
        raise RuntimeError("certutil -L failed (%d): %s" % (res.returncode, res.stderr))
    entries = []
    for line in res.stdout.splitlines():
        m = re.match(r"^(.*\S)\s+([A-Za-z]*,[A-Za-z]*,[A-Za-z]*)\s*$", line)
        if m and not line.startswith("Certificate Nickname"):
            entries.append((m.group(1), m.group(2)))
    found = {}
    for nick, trust in entries:
        pem = subprocess.run([CERTUTIL, "-L", "-d", "sql:" + profile, "-n", nick, "-a"],
                             capture_output=True, text=True, env=_env(firefox_dir), timeout=60)
        ders = all_pem_ders(pem.stdout)
        if not ders:
            log("nss: could not read %r (%s)" % (nick, pem.stderr.strip()))
        for der in ders:
            found[sha256_hex(der)] = (nick, trust)
    for fp, (nick, trust) in sorted(found.items(), key=lambda kv: kv[1]):
        log("nss: %-60s %-8s sha256 %s" % (nick, trust, fp))
    return found
