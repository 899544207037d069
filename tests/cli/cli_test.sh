#!/usr/bin/env bash
# CLI scenarios of the real gcatrust binary on temporary image roots (--root), so no system file
# is touched. Usage: cli_test.sh GCATRUST MANIFEST
set -euo pipefail
gcatrust=$1
manifest=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_code() {  # expect_code WANT DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  local got=0
  "$@" >"$work/out" 2>"$work/err" || got=$?
  if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"; else
    fail "$what: exit $got, wanted $want"; cat "$work/out" "$work/err"; fi
}
make_firefox() {  # a directory that looks like Debian's firefox-esr installation
  mkdir -p "$1"
  printf '[App]\nName=Firefox\n' >"$1/application.ini"
  printf '#!/bin/sh\n' >"$1/firefox-esr"
  chmod +x "$1/firefox-esr"
}

# list: every pinned fingerprint of the manifest, and valid JSON
expect_code 0 "list" -- "$gcatrust" list
for pin in $(python3 -c 'import json,sys; [print(c["sha256"]) for c in json.load(open(sys.argv[1]))["certificates"]]' "$manifest"); do
  grep -q "$pin" "$work/out" && pass "list shows $pin" || fail "list lacks $pin"
done
expect_code 0 "list --json" -- "$gcatrust" list --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert all(len(c["sha256"])==64 for c in d["certificates"]), d' "$work/out" \
  && pass "list --json parses" || fail "list --json"

# export: DER and PEM files whose fingerprints are the pinned ones
expect_code 0 "export --der" -- "$gcatrust" export "$work/出口 der" --der
expect_code 0 "export --pem" -- "$gcatrust" export "$work/pem" --pem
for f in "$work/出口 der"/*.der; do
  id=$(basename "$f" .der)
  want=$("$gcatrust" list --json | python3 -c 'import json,sys; print([c["sha256"] for c in json.load(sys.stdin)["certificates"] if c["id"]==sys.argv[1]][0])' "$id")
  [ "$(sha256sum <"$f" | cut -d' ' -f1)" = "$want" ] && pass "export $id.der" || fail "export $id.der fingerprint"
  got=$(openssl x509 -in "$work/pem/$id.pem" -outform DER | sha256sum | cut -d' ' -f1)
  [ "$got" = "$want" ] && pass "export $id.pem" || fail "export $id.pem fingerprint"
done
expect_code 2 "export --der --pem is a usage error" -- "$gcatrust" export "$work/x" --der --pem

# install / uninstall on an image root with Chinese characters and a space in its path
root="$work/映像 root"
make_firefox "$root/usr/lib/firefox-esr"
mkdir -p "$root/usr/share/firefox-esr/distribution"
ln -s ../../share/firefox-esr/distribution "$root/usr/lib/firefox-esr/distribution"  # as Debian ships it
cp -a "$root" "$work/before"
expect_code 0 "detect" -- "$gcatrust" detect --root "$root"
grep -q "/usr/lib/firefox-esr/distribution/policies.json" "$work/out" && pass "detect names the policies file" || fail "detect output"
expect_code 0 "install --dry-run" -- "$gcatrust" install --dry-run --root "$root"
diff -r --no-dereference "$work/before" "$root" >/dev/null && pass "dry run wrote nothing" || fail "dry run changed the root"
expect_code 0 "install" -- "$gcatrust" --method policies install --root "$root"
policies="$root/usr/share/firefox-esr/distribution/policies.json"
[ -L "$root/usr/lib/firefox-esr/distribution" ] && pass "distribution link kept" || fail "distribution link replaced"
python3 - "$policies" "$root" <<'PY' && pass "policies lists existing DER files" || fail "policies content"
import json, os, sys
entries = json.load(open(sys.argv[1]))["policies"]["Certificates"]["Install"]
assert entries and all(e.startswith("/usr/lib/firefox-esr/distribution/certificates/gcatrust-") for e in entries), entries
assert all(os.path.isfile(sys.argv[2] + e) for e in entries)
PY
cp "$policies" "$work/first"
expect_code 0 "install again" -- "$gcatrust" install --root "$root"
cmp -s "$policies" "$work/first" && pass "second install changed nothing" || fail "second install changed policies.json"
expect_code 0 "status --json" -- "$gcatrust" status --json --root "$root"
grep -q '"result": "installed"' "$work/out" && pass "status installed" || fail "status"
expect_code 0 "uninstall" -- "$gcatrust" uninstall --root "$root"
diff -r --no-dereference "$work/before" "$root" && pass "uninstall restored the tree exactly" || fail "uninstall left changes"

# an admin's own policies survive, byte for byte after uninstall
printf '{"policies": {"DisableTelemetry": true, "Certificates": {"Install": ["/srv/admin.der"]}}}' >"$policies"
cp "$policies" "$work/admin"
expect_code 0 "install over admin policies" -- "$gcatrust" install --root "$root"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["policies"]; assert p["DisableTelemetry"] is True and p["Certificates"]["Install"][0]=="/srv/admin.der"' "$policies" \
  && pass "admin policies kept" || fail "admin policies lost"
expect_code 0 "uninstall from admin policies" -- "$gcatrust" uninstall --root "$root"
cmp -s "$policies" "$work/admin" && pass "admin file restored byte for byte" || fail "admin file differs"

# malformed policies.json: clear error, non-zero exit, untouched
printf '{"policies": {"DisableTelemetry": true,,}}' >"$policies"
cp "$policies" "$work/malformed"
expect_code 1 "install with malformed policies.json" -- "$gcatrust" install --root "$root"
grep -q "malformed JSON" "$work/err" && pass "error says malformed JSON" || fail "error text"
cmp -s "$policies" "$work/malformed" && pass "malformed file untouched" || fail "malformed file changed"
[ ! -e "$root/usr/share/firefox-esr/distribution/certificates" ] && pass "no certificate files written" || fail "files written"
rm "$policies"

# messages follow --lang and the locale
expect_code 0 "zh-TW install" -- "$gcatrust" install --lang zh-TW --root "$root"
grep -q "請重新啟動 Firefox" "$work/out" && pass "Chinese message" || fail "Chinese message"
LANG=zh_TW.UTF-8 "$gcatrust" uninstall --root "$root" | grep -q "已移除" && pass "locale picks Chinese" || fail "locale"

# uninstall after Firefox itself was removed: /etc/firefox stays, and is given back byte for byte
gone="$work/gone"
make_firefox "$gone/usr/lib/firefox-esr"
mkdir -p "$gone/etc/firefox/policies"
printf '{"policies": {"DisableAppUpdate": true}}\n' >"$gone/etc/firefox/policies/policies.json"
cp "$gone/etc/firefox/policies/policies.json" "$work/gone-admin"
expect_code 0 "install (reads /etc/firefox)" -- "$gcatrust" install --method policies --root "$gone"
rm -r "$gone/usr/lib/firefox-esr"
expect_code 0 "uninstall with no Firefox left" -- "$gcatrust" uninstall --method policies --root "$gone"
cmp -s "$gone/etc/firefox/policies/policies.json" "$work/gone-admin" && [ ! -e "$gone/etc/firefox/certificates" ] \
  && pass "the orphaned /etc/firefox file is given back" || fail "orphaned /etc/firefox file not restored"

# nothing found, and a non-Firefox --firefox folder
mkdir -p "$work/empty"
expect_code 5 "nothing found" -- "$gcatrust" install --root "$work/empty"
expect_code 5 "--firefox on a non-Firefox folder" -- "$gcatrust" install --method policies --firefox "$work/empty"

# a profile folder whose name is not UTF-8 (Latin-1 bytes): the NSS method works on it, and
# --json shows the invalid byte as U+FFFD instead of stopping the run
latin1=$(printf '%s/caf\xe9 profile' "$work")
mkdir "$latin1"
certutil -N -d "sql:$latin1" --empty-password
expect_code 0 "install --method nss on a Latin-1 folder" -- "$gcatrust" install --method nss --profile "$latin1"
certutil -L -d "sql:$latin1" | grep -q "(gcatrust gca2)" && pass "certificates in the Latin-1 profile" || fail "Latin-1 profile lacks the certificates"
expect_code 0 "status --json on a Latin-1 folder" -- "$gcatrust" status --json --method nss --profile "$latin1"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["profiles"][0]["profile"].endswith("caf\ufffd profile"), d' "$work/out" \
  && pass "status --json names it with U+FFFD" || fail "status --json on a Latin-1 folder"
expect_code 0 "uninstall --method nss on a Latin-1 folder" -- "$gcatrust" uninstall --method nss --profile "$latin1"
certutil -L -d "sql:$latin1" | grep -q "gcatrust" && fail "certificates left in the Latin-1 profile" || pass "Latin-1 profile cleaned"

# needs admin: an unprivileged user on a root-owned image
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  chmod -R a+rX "$work"
  expect_code 4 "unprivileged install needs admin" -- setpriv --reuid=65534 --regid=65534 --clear-groups "$gcatrust" install --root "$root"
  cat "$work/out" "$work/err" | grep -q "needs administrator rights" && pass "needs-admin message" || fail "needs-admin message"
  diff -r --no-dereference "$work/before" "$root" >/dev/null && pass "refused install changed nothing" || fail "refused install changed files"
else
  echo "skip: needs-admin case needs root to drop privileges"
fi

if [ "$failures" -ne 0 ]; then echo "cli scenarios: $failures failed"; exit 1; fi
echo "cli scenarios: all passed"
