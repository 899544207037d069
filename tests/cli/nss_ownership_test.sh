#!/usr/bin/env bash
# Root running `gcatrust install --method nss --profile DIR` on a profile another account owns,
# outside any home: the NSS work is done with the owner's rights, and a symlink the owner planted
# cannot make root create a file elsewhere. Usage: nss_ownership_test.sh GCATRUST
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

if [ "$failures" -ne 0 ]; then echo "nss ownership: $failures failed"; exit 1; fi
echo "nss ownership: all passed"
