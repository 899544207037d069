#!/usr/bin/env bash
# Root running `gcatrust install --method nss --profile DIR` on a profile another account owns,
# outside any home: the NSS work is done with the owner's rights, and a symlink the owner planted
# cannot make root create a file elsewhere. The same on an image (--root) with the image's account. Usage: nss_ownership_test.sh GCATRUST
set -euo pipefail
gcatrust=$1
if [ "$(id -u)" -ne 0 ]; then echo "skip: needs root"; exit 77; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi; }

# A profile of nobody's whose key4.db is missing: NSS creates it, and it must be nobody's.
mkdir -p "$work/a/profile"
certutil -N -d "sql:$work/a/profile" --empty-password
rm "$work/a/profile/key4.db"
chown -R nobody:nogroup "$work/a"
"$gcatrust" install --method nss --profile "$work/a/profile" >"$work/out" 2>&1 || true
cat "$work/out"
check "import done" 'grep -q "imported: " "$work/out"'
check "key4.db created as nobody" '[ "$(stat -c %U "$work/a/profile/key4.db")" = nobody ]'

# The same, with key4.db a dangling symlink planted by nobody: refused, nothing created.
mkdir -p "$work/b/profile"
certutil -N -d "sql:$work/b/profile" --empty-password
rm "$work/b/profile/key4.db"
ln -s "$work/victim" "$work/b/profile/key4.db"
chown -R -h nobody:nogroup "$work/b"
code=0
"$gcatrust" install --method nss --profile "$work/b/profile" >"$work/out" 2>&1 || code=$?
cat "$work/out"
check "refused with exit 1" '[ "$code" -eq 1 ]'
check "no file created through the link" '[ ! -e "$work/victim" ]'

# An image (--root) whose profile belongs to the image's account 65534, key4.db missing: the
# worker runs with that numeric uid/gid, since it can reach the profile through the mount point.
image_profile() {  # image_profile IMAGE: passwd + one listed profile of u (uid 65534), no key4.db
  mkdir -p "$1/etc" "$1/home/u/.mozilla/firefox/p"
  echo "u:x:65534:65534:U:/home/u:/bin/sh" >"$1/etc/passwd"
  printf '[Profile0]\nName=p\nIsRelative=1\nPath=p\nDefault=1\n' >"$1/home/u/.mozilla/firefox/profiles.ini"
  certutil -N -d "sql:$1/home/u/.mozilla/firefox/p" --empty-password
  rm "$1/home/u/.mozilla/firefox/p/key4.db"
  chown -R 65534:65534 "$1/home/u"
}
image_profile "$work/image"
"$gcatrust" install --method nss --root "$work/image" >"$work/out" 2>&1 || true
cat "$work/out"
check "image: import done" 'grep -q "imported: " "$work/out"'
check "image: key4.db created as the image's account" \
  '[ "$(stat -c %u:%g "$work/image/home/u/.mozilla/firefox/p/key4.db")" = 65534:65534 ]'
# Behind a folder only root may search (a 0700 mount point), that account cannot reach the
# profile: root does the work, as before, and the import still happens.
mkdir -m 700 "$work/closed"
image_profile "$work/closed/image"
"$gcatrust" install --method nss --root "$work/closed/image" >"$work/out" 2>&1 || true
cat "$work/out"
check "closed image: import done as root" 'grep -q "imported: " "$work/out"'

if [ "$failures" -ne 0 ]; then echo "nss ownership: $failures failed"; exit 1; fi
echo "nss ownership: all passed"
