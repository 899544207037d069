#!/usr/bin/env python3
"""`gcatrust --root DIR` on a real system image: Debian's firefox-esr package unpacked with
`dpkg -x`, an /etc/passwd of the image's own, and its users' homes with Firefox profiles.

usage: image_root_test.py --gcatrust EXE --work DIR [--firefox-deb FILE]

Checked, twice: with the image's usr/lib/firefox-esr/distribution link as Debian ships it
(relative) and made absolute (/usr/share/firefox-esr/distribution, as other packages and image
tools leave links; /home is an absolute link to /var/home, as on ostree systems):
  - detect finds the image's Firefox, and the policies file it reads inside the image;
  - install --method policies writes that file inside DIR (where the image's Firefox reads it:
    the link's target in DIR), status says installed, uninstall leaves DIR as it was;
  - the profiles of the image's users are found through the image's passwd (not this machine's),
    and install --method nss imports into them (read back with certutil);
  - nothing outside DIR changes: /etc/firefox, /usr/lib/firefox-esr, /usr/share/firefox-esr and
    /root/.mozilla are compared before and after, and every gcatrust run happens in a private
    mount namespace where /etc, /usr and /root are read-only (a write there fails loudly).
The firefox-esr .deb: --firefox-deb, else apt's cache, else `apt-get download firefox-esr`.
Exit status: 0 pass, 1 fail, 77 skipped (not root, no .deb, no dpkg).
"""

import argparse
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))

from e2e_util import CheckFailed, Skip, check, exit_code_of, log  # noqa: E402

WATCHED = ["/etc/firefox", "/usr/lib/firefox-esr", "/usr/share/firefox-esr", "/root/.mozilla"]
READ_ONLY = ["/etc", "/usr", "/root"]
USERS = {"alice": 1001, "bob": 1002}


def digest(paths):
    out = {}
    for top in paths:
        if not os.path.lexists(top):
            continue
        stack = [top]
        while stack:
            p = stack.pop()
            st = os.lstat(p)
            if os.path.islink(p):
                out[p] = "link " + os.readlink(p)
            elif os.path.isdir(p):
                out[p] = "dir %o" % st.st_mode
                stack += [os.path.join(p, n) for n in os.listdir(p)]
            else:
                h = hashlib.sha256()
                with open(p, "rb") as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        h.update(chunk)
                out[p] = "%o %s" % (st.st_mode, h.hexdigest())
    return out


def gcatrust(exe, *args, ok=(0,)):
    """Runs gcatrust in a mount namespace where this machine's /etc, /usr and /root are
    read-only, so a path that escapes the image fails instead of changing the machine."""
    mounts = "; ".join("mount --bind %s %s && mount -o remount,bind,ro %s" % (d, d, d) for d in READ_ONLY)
    script = '%s && exec "$0" "$@"' % mounts
    cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, exe, *args]
    res = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, LANG="C.UTF-8"),
                         stdin=subprocess.DEVNULL)
    log("gcatrust %s -> exit %d" % (" ".join(args), res.returncode))
    for line in (res.stdout + res.stderr).rstrip().splitlines()[:30]:
        log("    | %s" % line)
    if ok is not None and res.returncode not in ok:
        raise CheckFailed("gcatrust %s exited %d" % (" ".join(args), res.returncode))
    return res


def find_deb(args, work):
    if args.firefox_deb:
        return args.firefox_deb
    cached = sorted(glob.glob("/var/cache/apt/archives/firefox-esr_*.deb"))
    if cached:
        return cached[-1]
    dl = os.path.join(work, "download")
    os.makedirs(dl, exist_ok=True)
    res = subprocess.run(["apt-get", "download", "firefox-esr"], cwd=dl, capture_output=True, text=True)
    got = sorted(glob.glob(os.path.join(dl, "firefox-esr_*.deb")))
    if res.returncode != 0 or not got:
        raise Skip("no firefox-esr .deb (apt cache empty, apt-get download failed: %s)" % res.stderr.strip())
    return got[-1]


def unpack(deb, img):
    """The image: Debian's firefox-esr package as dpkg unpacks it (once; the cases share it)."""
    shutil.rmtree(img, ignore_errors=True)
    os.makedirs(img)
    subprocess.run(["dpkg", "-x", deb, img], check=True)
    link = os.path.join(img, "usr/lib/firefox-esr/distribution")
    check(os.path.islink(link) and not os.path.isabs(os.readlink(link)),
          "the unpacked image's distribution is a relative link (%s)" % os.readlink(link))


def make_image(img, absolute_link):
    """Sets the distribution link, the passwd and the homes with profiles for one case."""
    link = os.path.join(img, "usr/lib/firefox-esr/distribution")
    os.remove(link)
    os.symlink("/usr/share/firefox-esr/distribution" if absolute_link
               else "../../share/firefox-esr/distribution", link)
    for old in ("home", "var/home", "etc/passwd"):
        p = os.path.join(img, old)
        if os.path.islink(p) or os.path.isfile(p):
            os.remove(p)
        elif os.path.isdir(p):
            shutil.rmtree(p)
    os.makedirs(os.path.join(img, "usr/share/firefox-esr/distribution"), exist_ok=True)
    os.makedirs(os.path.join(img, "etc"), exist_ok=True)
    os.makedirs(os.path.join(img, "var/home"), exist_ok=True)
    # Homes behind an absolute link, as ostree systems (Fedora Silverblue) have /home -> var/home.
    os.symlink("/var/home" if absolute_link else "var/home", os.path.join(img, "home"))
    with open(os.path.join(img, "etc/passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/bash\n")
        for name, uid in USERS.items():
            f.write("%s:x:%d:%d:%s:/home/%s:/bin/bash\n" % (name, uid, uid, name, name))
    profiles = {}
    for name, uid in USERS.items():
        base = os.path.join(img, "var/home", name, ".mozilla/firefox")
        prof = os.path.join(base, "%s1234.default-esr" % name)
        os.makedirs(prof)
        with open(os.path.join(base, "profiles.ini"), "w") as f:
            f.write("[Profile0]\nName=default-esr\nIsRelative=1\nPath=%s1234.default-esr\nDefault=1\n\n"
                    "[General]\nStartWithLastProfile=1\nVersion=2\n" % name)
        subprocess.run(["certutil", "-N", "-d", "sql:" + prof, "--empty-password"], check=True,
                       capture_output=True)
        for root, dirs, files in os.walk(os.path.join(img, "var/home", name)):
            for n in [root] + [os.path.join(root, x) for x in dirs + files]:
                os.lchown(n, uid, uid)
        profiles[name] = "/home/%s/.mozilla/firefox/%s1234.default-esr" % (name, name)
    return profiles


def run_case(exe, img, absolute_link):
    log("case: distribution link %s" % ("absolute" if absolute_link else "relative"))
    profiles = make_image(img, absolute_link)
    image_before = digest([img])
    host_before = digest(WATCHED)

    res = gcatrust(exe, "detect", "--root", img, "--json")
    det = json.loads(res.stdout)
    text = json.dumps(det)
    check("/usr/lib/firefox-esr" in text, "detect finds the image's /usr/lib/firefox-esr", text[:300])

    gcatrust(exe, "install", "--method", "policies", "--root", img)
    inside = os.path.join(img, "usr/share/firefox-esr/distribution/policies.json")
    check(os.path.isfile(inside), "policies.json is where the image's Firefox reads it: %s" % inside)
    with open(inside) as f:
        install = json.load(f)["policies"]["Certificates"]["Install"]
    check(install and all(p.startswith("/usr/lib/firefox-esr/distribution/certificates/") for p in install),
          "its entries are the image's own paths (as its Firefox sees them)", str(install))
    real_certs = os.path.join(img, "usr/share/firefox-esr/distribution/certificates")
    for p in install:  # not img + p: Python would follow an absolute link to this machine's files
        check(os.path.isfile(os.path.join(real_certs, os.path.basename(p))),
              "certificate file in the image: %s" % os.path.join(real_certs, os.path.basename(p)))
    st = json.loads(gcatrust(exe, "status", "--method", "policies", "--root", img, "--json").stdout)
    check(all(t["result"] == "installed" for t in st["targets"]) and st["targets"],
          "status --root: installed")
    res = gcatrust(exe, "install", "--method", "policies", "--root", img, "--json")
    check(all(t["result"] == "unchanged" for t in json.loads(res.stdout)["targets"]),
          "a second install changes nothing")

    log("step: the image's users and their profiles")
    st = json.loads(gcatrust(exe, "status", "--method", "nss", "--root", img, "--json", ok=None).stdout)
    found = {p["profile"]: p for p in st.get("profiles", [])}
    for name, prof in profiles.items():
        check(prof in found, "status --root lists %s's profile %s (from the image's passwd)" % (name, prof),
              str(sorted(found)))
    check(not any(p.startswith("/root/") or "/tmp/" in p for p in found),
          "no profile of this machine's users", str(sorted(found)))
    gcatrust(exe, "install", "--method", "nss", "--root", img)
    for name, prof in profiles.items():
        real = os.path.join(img, "var/home", name, ".mozilla/firefox", os.path.basename(prof))
        out = subprocess.run(["certutil", "-L", "-d", "sql:" + real], capture_output=True, text=True).stdout
        check("gcatrust" in out, "%s's cert9.db in the image holds the certificates" % name, out)
    gcatrust(exe, "uninstall", "--method", "nss", "--root", img)
    gcatrust(exe, "uninstall", "--method", "policies", "--root", img)
    check(not os.path.exists(inside), "uninstall removes the policies.json it created in the image")

    # The databases were rewritten by NSS (same certificates: none); the rest must be as before.
    changed = {p for p in set(digest([img]).items()) ^ set(image_before.items())
               if not os.path.basename(p[0]).startswith(("cert9.db", "key4.db"))}
    check(not changed, "the image is as before, except the NSS databases", str(sorted(changed))[:400])
    check(digest(WATCHED) == host_before, "nothing outside the image changed: %s" % ", ".join(WATCHED))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gcatrust", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--firefox-deb")
    args = ap.parse_args()

    def body():
        if os.geteuid() != 0:
            raise Skip("needs root (image owners, read-only bind mounts)")
        for tool in ("dpkg", "unshare", "certutil"):
            if not shutil.which(tool):
                raise Skip("needs %s" % tool)
        work = os.path.abspath(args.work)
        os.makedirs(work, exist_ok=True)
        deb = find_deb(args, work)
        log("firefox-esr package: %s" % deb)
        exe = os.path.abspath(args.gcatrust)
        img = os.path.join(work, "image")
        unpack(deb, img)
        for absolute in (False, True):
            run_case(exe, img, absolute)
        shutil.rmtree(img, ignore_errors=True)
        return 0

    return exit_code_of(body)


if __name__ == "__main__":
    sys.exit(main())
