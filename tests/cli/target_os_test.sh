#!/usr/bin/env bash
# --target-os windows | macos on fake image trees (--root), with the real gcatrust binary; the
# Windows registry case edits a real hive file (hivex's minimal SOFTWARE hive) and checks it with
# hivex's own tools, the macOS plist is read back with Python's plistlib.
# Usage: target_os_test.sh GCATRUST HIVE_TEMPLATE
set -euo pipefail
gcatrust=$1
hive_template=$2
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
make_windows_firefox() {  # Mozilla's Windows installer layout
  mkdir -p "$1"
  printf '[App]\r\nName=Firefox\r\n' >"$1/application.ini"
  printf 'MZ' >"$1/firefox.exe"
}
make_mac_firefox() {  # /Applications/Firefox.app
  mkdir -p "$1/Contents/Resources" "$1/Contents/MacOS"
  printf '[App]\nName=Firefox\n' >"$1/Contents/Resources/application.ini"
  printf '#!/bin/sh\n' >"$1/Contents/MacOS/firefox"
  chmod +x "$1/Contents/MacOS/firefox"
}
install_key='Policies\Mozilla\Firefox\Certificates\Install'

# --- Windows, no registry policy: distribution\policies.json of each installation -------------
win="$work/win 映像"
make_windows_firefox "$win/Program Files/Mozilla Firefox"
make_windows_firefox "$win/Program Files (x86)/Mozilla Firefox"
mkdir -p "$win/ProgramData"  # as on every Windows
mkdir -p "$win/Program Files/Mozilla Firefox/distribution"
admin_json="$win/Program Files/Mozilla Firefox/distribution/policies.json"
printf '{\n  "policies": {"DisableTelemetry": true, "Certificates": {"Install": ["C:\\\\corp\\\\root.der"]}}\n}\n' >"$admin_json"
cp -a "$win" "$work/win-before"
expect_code 0 "windows: install --dry-run" -- "$gcatrust" install --dry-run --method policies --target-os windows --root "$win"
diff -r "$work/win-before" "$win" >/dev/null && pass "windows: dry run wrote nothing" || fail "windows: dry run changed the image"
grep -q 'ProgramData/gcatrust/certs' "$work/out" && pass "windows: dry run names the certificate folder" || fail "windows: dry run output"
expect_code 0 "windows: install" -- "$gcatrust" install --method policies --target-os windows --root "$win"
python3 - "$win" <<'PY' && pass "windows: both policies.json list C:\\ProgramData paths; admin's policies kept" || fail "windows: policies content"
import json, os, sys
root = sys.argv[1]
for pf in ("Program Files", "Program Files (x86)"):
    p = json.load(open(os.path.join(root, pf, "Mozilla Firefox/distribution/policies.json")))["policies"]
    ours = [e for e in p["Certificates"]["Install"] if e.startswith("C:\\ProgramData\\gcatrust\\certs\\gcatrust-")]
    assert len(ours) >= 2, p
    for e in ours:
        assert os.path.isfile(os.path.join(root, "ProgramData/gcatrust/certs", e.rsplit("\\", 1)[1])), e
    if pf == "Program Files":
        assert p["DisableTelemetry"] is True and p["Certificates"]["Install"][0] == "C:\\corp\\root.der", p
PY
expect_code 0 "windows: install again" -- "$gcatrust" install --method policies --target-os windows --root "$win"
grep -q "already installed" "$work/out" && pass "windows: second install changes nothing" || fail "windows: second install"
expect_code 0 "windows: status" -- "$gcatrust" status --json --method policies --target-os windows --root "$win"
[ "$(grep -c '"result": "installed"' "$work/out")" -eq 2 ] && pass "windows: status installed x2" || fail "windows: status"
expect_code 0 "windows: uninstall" -- "$gcatrust" uninstall --method policies --target-os windows --root "$win"
diff -r "$work/win-before" "$win" && pass "windows: uninstall restored the image byte for byte" || fail "windows: uninstall left changes"

# --- Windows with a registry Certificates policy: the offline SOFTWARE hive ------------------
mkdir -p "$win/Windows/System32/config"
hive="$win/Windows/System32/config/SOFTWARE"
cp "$hive_template" "$hive"
hivexsh -w "$hive" <<'HIVE'
add Policies
cd Policies
add Mozilla
cd Mozilla
add Firefox
cd Firefox
add Certificates
cd Certificates
setval 1
ImportEnterpriseRoots
dword:1
add Install
cd Install
setval 1
1
string:C:\corp\root.der
commit
HIVE
hivexget "$hive" "$install_key" >"$work/install-before"
cp "$hive" "$work/hive-before"
rm -rf "$work/win-before" && cp -a "$win" "$work/win-before"
expect_code 0 "registry: install --dry-run" -- "$gcatrust" install --dry-run --method policies --target-os windows --root "$win"
cmp -s "$hive" "$work/hive-before" && pass "registry: dry run left the hive alone" || fail "registry: dry run wrote the hive"
grep -q 'value 2 = C:\\ProgramData\\gcatrust\\certs\\gcatrust-' "$work/out" && pass "registry: dry run shows value 2" || { fail "registry: dry run output"; cat "$work/out"; }
expect_code 0 "registry: install" -- "$gcatrust" install --method policies --target-os windows --root "$win"
hivexget "$hive" "$install_key" >"$work/install-after"
head -1 "$work/install-after" | grep -qx '"1"="C:\\\\corp\\\\root.der"' && pass "registry: the admin's value 1 kept" || fail "registry: value 1"
grep -q '^"2"="C:\\\\ProgramData\\\\gcatrust\\\\certs\\\\gcatrust-.*\.der"$' "$work/install-after" && pass "registry: ours from value 2 on" || { fail "registry: values"; cat "$work/install-after"; }
[ "$(hivexget "$hive" 'Policies\Mozilla\Firefox\Certificates' ImportEnterpriseRoots)" = 1 ] && pass "registry: ImportEnterpriseRoots kept" || fail "registry: ImportEnterpriseRoots"
cmp -s "$hive.gcatrust-backup" "$work/hive-before" && pass "registry: hive backed up first" || fail "registry: backup"
cmp -s "$admin_json" "$work/win-before/Program Files/Mozilla Firefox/distribution/policies.json" && pass "registry: policies.json left alone (Firefox ignores its Certificates)" || fail "registry: policies.json changed"
ls "$win/ProgramData/gcatrust/certs/"gcatrust-*.der >/dev/null && pass "registry: certificate files in ProgramData" || fail "registry: files"
expect_code 0 "registry: status" -- "$gcatrust" status --json --method policies --target-os windows --root "$win"
grep -q '"format": "registry"' "$work/out" && grep -q '"result": "installed"' "$work/out" && pass "registry: status installed" || fail "registry: status"
expect_code 0 "registry: uninstall" -- "$gcatrust" uninstall --method policies --target-os windows --root "$win"
hivexget "$hive" "$install_key" | cmp -s - "$work/install-before" && pass "registry: Install back to the admin's values" || fail "registry: uninstall values"
[ ! -e "$win/ProgramData/gcatrust" ] || [ -z "$(ls -A "$win/ProgramData/gcatrust/certs" 2>/dev/null)" ] && pass "registry: certificate files removed" || fail "registry: files left"
diff -r -x SOFTWARE -x SOFTWARE.gcatrust-backup "$work/win-before" "$win" && pass "registry: nothing else changed" || fail "registry: other changes"

# --registry: create the policy keys in a hive that has none, and remove them again
cp "$hive_template" "$hive"
expect_code 0 "--registry: install" -- "$gcatrust" install --registry --method policies --target-os windows --root "$win"
hivexget "$hive" "$install_key" | grep -q '^"1"="C:' && pass "--registry: Install created from value 1" || fail "--registry: values"
expect_code 0 "--registry: uninstall" -- "$gcatrust" uninstall --registry --method policies --target-os windows --root "$win"
[ -z "$(echo ls | hivexsh "$hive")" ] && pass "--registry: every key gcatrust created is gone" || { fail "--registry: keys left"; echo ls | hivexsh "$hive"; }
rm "$hive" "$hive.gcatrust-backup"
expect_code 1 "--registry without a hive fails" -- "$gcatrust" install --registry --method policies --target-os windows --root "$win"
grep -q "SOFTWARE" "$work/err" && pass "--registry: the error names the hive" || fail "--registry: error text"

# --- macOS: /Library/Preferences/org.mozilla.firefox.plist -------------------------------------
mac="$work/mac"
make_mac_firefox "$mac/Applications/Firefox.app"
make_mac_firefox "$mac/Applications/Firefox Nightly.app"
mkdir -p "$mac/Library/Preferences" "$mac/Library/Application Support"  # as on every Mac
cp -a "$mac" "$work/mac-before"
expect_code 0 "macos: install" -- "$gcatrust" install --method policies --target-os macos --root "$mac"
python3 - "$mac" <<'PY' && pass "macos: plist enables policies and lists the certificate files" || fail "macos: plist content"
import os, plistlib, sys
root = sys.argv[1]
with open(os.path.join(root, "Library/Preferences/org.mozilla.firefox.plist"), "rb") as f:
    p = plistlib.load(f)
assert p["EnterprisePoliciesEnabled"] is True, p
entries = p["Certificates"]["Install"]
assert entries and all(e.startswith("/Library/Application Support/Mozilla/Certificates/gcatrust-") for e in entries), entries
assert all(os.path.isfile(root + e) for e in entries)
PY
diff -r "$work/mac-before/Applications" "$mac/Applications" && pass "macos: nothing written inside the signed Firefox.app" || fail "macos: app bundle changed"
expect_code 0 "macos: status" -- "$gcatrust" status --method policies --target-os macos --root "$mac"
grep -q "installed: " "$work/out" && pass "macos: status installed" || fail "macos: status"
expect_code 0 "macos: uninstall" -- "$gcatrust" uninstall --method policies --target-os macos --root "$mac"
# The shared "Mozilla" folder gcatrust had to create is left (empty): it is not gcatrust's own.
diff -r -x Mozilla "$work/mac-before" "$mac" && [ -z "$(find "$mac/Library/Application Support/Mozilla" -not -type d)" ] \
  && pass "macos: uninstall removed everything it made" || fail "macos: uninstall left changes"

# an admin's XML plist: merged, then restored byte for byte
plist="$mac/Library/Preferences/org.mozilla.firefox.plist"
python3 - "$plist" <<'PY'
import plistlib, sys
with open(sys.argv[1], "wb") as f:
    plistlib.dump({"EnterprisePoliciesEnabled": True, "DisableTelemetry": True, "Homepage": {"URL": "https://intra.example/?a=1&b=<2>", "Locked": True},
                   "Certificates": {"ImportEnterpriseRoots": True, "Install": ["/Users/Shared/corp.der"]},
                   "DNSOverHTTPS": {"Enabled": False}, "Ratio": 1.5, "Count": 3}, f)
PY
cp "$plist" "$work/admin.plist"
expect_code 0 "macos: install over the admin's plist" -- "$gcatrust" install --method policies --target-os macos --root "$mac"
python3 - "$plist" <<'PY' && pass "macos: the admin's policies kept, ours appended" || fail "macos: merge"
import plistlib, sys
p = plistlib.load(open(sys.argv[1], "rb"))
assert p["DisableTelemetry"] is True and p["Homepage"]["URL"] == "https://intra.example/?a=1&b=<2>", p
assert p["Ratio"] == 1.5 and p["Count"] == 3 and p["DNSOverHTTPS"] == {"Enabled": False}, p
assert p["Certificates"]["ImportEnterpriseRoots"] is True
assert p["Certificates"]["Install"][0] == "/Users/Shared/corp.der" and len(p["Certificates"]["Install"]) > 1
PY
expect_code 0 "macos: uninstall from the admin's plist" -- "$gcatrust" uninstall --method policies --target-os macos --root "$mac"
cmp "$plist" "$work/admin.plist" && pass "macos: the admin's plist back byte for byte" || fail "macos: plist bytes"

# a binary plist is refused, untouched
python3 -c 'import plistlib,sys; plistlib.dump({"DisableTelemetry": True}, open(sys.argv[1],"wb"), fmt=plistlib.FMT_BINARY)' "$plist"
cp "$plist" "$work/binary.plist"
expect_code 1 "macos: a binary plist is refused" -- "$gcatrust" install --method policies --target-os macos --root "$mac"
cmp -s "$plist" "$work/binary.plist" && pass "macos: binary plist untouched" || fail "macos: binary plist changed"
grep -q "plutil" "$work/err" && pass "macos: the error says how to convert it" || { fail "macos: error text"; cat "$work/err"; }

expect_code 2 "--target-os beos is a usage error" -- "$gcatrust" status --target-os beos --root "$mac"

echo "failures: $failures"
[ "$failures" -eq 0 ]
