#!/usr/bin/env bash
# gcatrust.exe under wine, on a wine prefix of its own: a fake Firefox registered the way its
# installer does it (registry keys, made with `wine reg add`), a user folder named 王小明 with a
# profile, and a distribution\policies.json that already holds another policy. Checks what each
# command prints, what it leaves on disk and its exit code.
# Usage: cli_win_test.sh GCATRUST_EXE WINE_RUN (platform/windows/wine-run.sh) DENY_WRITES_EXE
set -euo pipefail
exe=$1
wine_run=$2
deny_writes=$3
start=$(date +%s)
work=$(mktemp -d)
export GCATRUST_WINEPREFIX="$work/prefix"
export LC_ALL=C.UTF-8  # wine turns the command line into UTF-16 from the locale's encoding
cleanup() { WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -k 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
gw() { "$wine_run" "$exe" "$@"; }
expect_code() {  # expect_code WANT DESCRIPTION -- gcatrust arguments...
  local want=$1 what=$2; shift 3
  local got=0
  gw "$@" >"$work/out" 2>"$work/err" || got=$?
  if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"; else
    fail "$what: exit $got, wanted $want"; cat "$work/out" "$work/err"; fi
}
reg_add() { "$wine_run" reg add "$@" /f >/dev/null; }

# The prefix (about 5 s the first time); C: is $drive_c.
"$wine_run" cmd /c exit 0
WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -w
drive_c="$GCATRUST_WINEPREFIX/drive_c"

# A Firefox installed to a folder only the registry knows (not a default one), as Mozilla's
# installer registers it: SOFTWARE\Mozilla\<product>\CurrentVersion -> <ver>\Main\Install Directory.
ff_win='C:\Apps\火狐 Firefox'
ff="$drive_c/Apps/火狐 Firefox"
mkdir -p "$ff/distribution"
printf '[App]\r\nName=Firefox\r\n' >"$ff/application.ini"
printf 'MZ' >"$ff/firefox.exe"
reg_add 'HKLM\SOFTWARE\Mozilla\Mozilla Firefox' /v CurrentVersion /d '128.0 (x64 zh-TW)'
reg_add 'HKLM\SOFTWARE\Mozilla\Mozilla Firefox\128.0 (x64 zh-TW)\Main' /v 'Install Directory' /d "$ff_win"
# A policy the administrator set before: it must survive install and uninstall.
policies="$ff/distribution/policies.json"
printf '{\n  "policies": {\n    "DisableAppUpdate": true\n  }\n}\n' >"$policies"

# A user folder with a Chinese name holding a profile (listed in profiles.ini, with a cert9.db).
home="$drive_c/users/王小明"
profile="$home/AppData/Roaming/Mozilla/Firefox/Profiles/abcd1234.default-release"
mkdir -p "$profile"
printf '[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=Profiles/abcd1234.default-release\r\nDefault=1\r\n' \
  >"$home/AppData/Roaming/Mozilla/Firefox/profiles.ini"
printf 'not really an NSS database' >"$profile/cert9.db"
WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -w

# list and detect
expect_code 0 "list" -- list
grep -q 'grca2' "$work/out" && pass "list shows grca2" || fail "list output"
expect_code 0 "detect finds the registry's Firefox" -- detect --json
python3 - "$work/out" <<'PY' && pass "detect names its distribution\\policies.json" || { fail "detect output"; cat "$work/out"; }
import json, sys
found = json.load(open(sys.argv[1]))["installations"]
mine = [i for i in found if i["dir"].lower() == r"c:\apps\火狐 firefox"]
assert mine, found
assert mine[0]["policies_file"].lower().replace("/", "\\").endswith(r"火狐 firefox\distribution\policies.json"), mine
assert mine[0]["policies_file_exists"], mine
PY

# install by policies: the certificates join the existing policy
cp "$policies" "$work/policies.before"
expect_code 0 "install --dry-run" -- install --method policies --dry-run --firefox "$ff_win"
cmp -s "$policies" "$work/policies.before" && pass "dry run changed nothing" || fail "dry run wrote policies.json"
expect_code 0 "install --method policies" -- install --method policies --firefox "$ff_win"
python3 - "$policies" <<'PY' && pass "policies.json: Certificates.Install added, DisableAppUpdate kept" || { fail "policies.json after install"; cat "$policies"; }
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))["policies"]
assert p["DisableAppUpdate"] is True, p
install = p["Certificates"]["Install"]
assert len(install) >= 2 and any("grca2" in entry.lower() for entry in install), install
PY
expect_code 0 "status after install" -- status --method policies --firefox "$ff_win"
expect_code 0 "install again (idempotent)" -- install --method policies --firefox "$ff_win"

# uninstall: exactly what install added goes, the other policy stays
expect_code 0 "uninstall --method policies" -- uninstall --method policies --firefox "$ff_win"
python3 - "$policies" <<'PY' && pass "policies.json: back to the administrator's policy" || { fail "policies.json after uninstall"; cat "$policies"; }
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))["policies"]
assert p.get("DisableAppUpdate") is True, p
assert "Certificates" not in p or not p["Certificates"].get("Install"), p
PY

# Bad input: a damaged policies.json is refused, non-zero, and left exactly as it was
printf '{"policies": {"DisableAppUpdate": tru' >"$policies"
cp "$policies" "$work/damaged.before"
expect_code 1 "install refuses a damaged policies.json" -- install --method policies --firefox "$ff_win"
cmp -s "$policies" "$work/damaged.before" && pass "damaged policies.json untouched" || fail "damaged policies.json changed"
printf '{\n  "policies": {\n    "DisableAppUpdate": true\n  }\n}\n' >"$policies"

# NSS method: there is no Windows nss3.dll here, so it must fail cleanly: a message that says
# NSS could not be loaded, a non-zero exit, and the profile's database untouched.
cp "$profile/cert9.db" "$work/cert9.before"
expect_code 1 "install --method nss without nss3.dll fails" -- install --method nss --firefox "$ff_win"
grep -qi 'nss3.dll' "$work/out" "$work/err" && pass "the message names nss3.dll" || { fail "NSS failure message"; cat "$work/out" "$work/err"; }
cmp -s "$profile/cert9.db" "$work/cert9.before" && pass "cert9.db untouched" || fail "cert9.db changed"
[ "$(ls "$profile")" = "cert9.db" ] && pass "nothing added to the profile" || fail "profile folder changed: $(ls "$profile")"

# The registry-policy case: an administrator's Certificates policy in the registry
# (HKLM\SOFTWARE\Policies\Mozilla\Firefox\Certificates) makes Firefox ignore the Certificates of
# policies.json (EnterprisePoliciesParent.sys.mjs CombinedProvider; installer/docs/facts.md
# §2.5), so install adds ours to its Install list after the admin's entry, with the files in %ProgramData%\gcatrust\certs; uninstall takes out exactly ours.
pol='HKLM\SOFTWARE\Policies\Mozilla\Firefox\Certificates'
reg_add "$pol\Install" /v 1 /d 'C:\admin\corp-root.der'
cp "$policies" "$work/reg.before"
WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -w

# Hardening (issue 5): a %ProgramData%\gcatrust\certs that someone else made writable for all
# (under wine a DACL is kept as mode bits: 0777 reads back as Everyone with full control) is
# refused by the elevated run: exit 1, a message naming the folder, nothing written, the
# registry untouched.
certs="$drive_c/ProgramData/gcatrust/certs"
mkdir -p "$certs" && chmod 0777 "$certs"
expect_code 1 "install refuses a ProgramData\gcatrust\certs everyone may write" -- install --method policies
grep -q 'refusing to write.*gcatrust\\certs.*Everyone' "$work/out" "$work/err" && pass "the message names the folder and who may write it" || { fail "open certs folder message"; cat "$work/out" "$work/err"; }
[ -z "$(ls -A "$certs")" ] && pass "nothing written into it" || fail "files written into the open folder: $(ls -A "$certs")"
WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -w
"$wine_run" reg query "$pol\Install" >"$work/reg" 2>&1 || true
grep -q 'gcatrust' "$work/reg" && { fail "registry changed although refused"; cat "$work/reg"; } || pass "registry untouched"
expect_code 1 "the same in Chinese" -- install --method policies --lang zh-TW
grep -q '失敗' "$work/out" "$work/err" && pass "... 失敗 (the Chinese frame of the message)" || { fail "Chinese refusal"; cat "$work/out" "$work/err"; }
rm -rf "$drive_c/ProgramData/gcatrust"
expect_code 0 "install with a registry Certificates policy" -- install --method policies
WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -w
"$wine_run" reg query "$pol\Install" >"$work/reg" 2>&1 || true
grep -q 'corp-root.der' "$work/reg" && pass "registry: the admin's entry stays" || { fail "registry: admin's entry"; cat "$work/reg"; }
grep -q 'gcatrust-gca2.der' "$work/reg" && pass "registry: ours are in the Install list" || { fail "registry: our entries"; cat "$work/out" "$work/reg"; }
[ -f "$drive_c/ProgramData/gcatrust/certs/gcatrust-gca2.der" ] && pass "registry: certificate files in ProgramData" || fail "registry: no certificate files in ProgramData"
# Made elevated with the admin-only ACL: under wine that is kept as mode bits with nothing for
# "other" (a folder made by inheritance would be 0755); see tests/platform/admin_acl_win_test.cpp.
for d in "$drive_c/ProgramData/gcatrust" "$certs"; do
  case "$(stat -c %a "$d")" in
    *0) pass "registry: $(basename "$d") folder made admin-only ($(stat -c %a "$d"))" ;;
    *) fail "registry: $(basename "$d") folder mode $(stat -c %a "$d"), others may read" ;;
  esac
done
cmp -s "$policies" "$work/reg.before" && pass "registry: policies.json untouched" || fail "registry: policies.json changed"
expect_code 0 "status in the registry case" -- status --method policies --json
grep -q '"installed"' "$work/out" && pass "registry: status says installed" || { fail "registry: status"; cat "$work/out"; }
expect_code 0 "uninstall in the registry case" -- uninstall --method policies
WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -w
"$wine_run" reg query "$pol\Install" >"$work/reg" 2>&1 || true
grep -q 'corp-root.der' "$work/reg" && pass "registry: the admin's entry survives uninstall" || { fail "registry: admin's entry after uninstall"; cat "$work/reg"; }
grep -q 'gcatrust' "$work/reg" && { fail "registry: ours left behind"; cat "$work/reg"; } || pass "registry: ours removed"
[ ! -e "$drive_c/ProgramData/gcatrust/certs/gcatrust-gca2.der" ] && pass "registry: certificate files removed" || fail "registry: certificate files left"
"$wine_run" reg delete 'HKLM\SOFTWARE\Policies\Mozilla' /f >/dev/null
WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -w

# Hardening: a distribution folder that belongs to another user (chown needs root; wine shows a
# folder of another uid as owned by ANONYMOUS LOGON) is refused: exit 1, policies.json unchanged.
if [ "$(id -u)" -eq 0 ]; then
  cp "$policies" "$work/owned.before"
  chown nobody "$ff/distribution"
  expect_code 1 "install refuses a distribution folder of another user" -- install --method policies --firefox "$ff_win"
  grep -q 'refusing to write.*distribution.*belongs to' "$work/out" "$work/err" && pass "the message names the folder and its owner" || { fail "other owner message"; cat "$work/out" "$work/err"; }
  cmp -s "$policies" "$work/owned.before" && pass "policies.json unchanged" || fail "policies.json changed"
  chown "$(id -u)" "$ff/distribution"
else
  echo "skip: a folder of another user needs root (chown)"
fi

# Links: wine shows a Unix symbolic link as a reparse point (its CreateSymbolicLinkW makes none),
# so the link is made with ln -s. The administrator's own link (like Debian's distribution link)
# is followed and written through. One that leads into a folder everyone may write is refused,
# policies.json and the target unchanged. (Wine cannot represent a link's own owner or ACL: opened
# with FILE_FLAG_OPEN_REPARSE_POINT, it still reports the target's, so "a link of another user"
# cannot be made here, and this refusal names the link rather than its target.)
mv "$ff/distribution" "$drive_c/Apps/dist-real"
ln -s ../dist-real "$ff/distribution"
expect_code 0 "install through the administrator's distribution link" -- install --method policies --firefox "$ff_win"
grep -q 'gcatrust-gca2' "$drive_c/Apps/dist-real/policies.json" && [ -L "$ff/distribution" ] && pass "written in the link's target, the link kept" || fail "install through a link"
expect_code 0 "uninstall through the link" -- uninstall --method policies --firefox "$ff_win"
cp "$drive_c/Apps/dist-real/policies.json" "$work/link.after"
chmod 0777 "$drive_c/Apps/dist-real"
expect_code 1 "install refuses a link into a folder everyone may write" -- install --method policies --firefox "$ff_win"
grep -qE 'refusing to write.*(distribution" is a link that Everyone|dist-real" lets Everyone)' "$work/out" "$work/err" && pass "the message names the link" || { fail "open link target message"; cat "$work/out" "$work/err"; }
cmp -s "$drive_c/Apps/dist-real/policies.json" "$work/link.after" && pass "policies.json unchanged by the refused run" || fail "policies.json changed by a refused run"
[ "$(ls -A "$drive_c/Apps/dist-real")" = "policies.json" ] && pass "nothing else written there" || fail "files added: $(ls -A "$drive_c/Apps/dist-real")"
chmod 0755 "$drive_c/Apps/dist-real"
rm "$ff/distribution"
mv "$drive_c/Apps/dist-real" "$ff/distribution"

# Not allowed to write (what a non-elevated user meets in Program Files; under wine the process is
# an administrator, so the folder's ACL does the refusing): a clear "administrator" message,
# exit 4 (needs admin), and policies.json unchanged.
cp "$policies" "$work/locked.before"
"$wine_run" "$deny_writes" "$ff_win\distribution"
expect_code 4 "install into a folder the user may not write" -- install --method policies --firefox "$ff_win"
grep -qi 'administrator' "$work/out" "$work/err" && pass "the message asks for an administrator" || { fail "needs-admin message"; cat "$work/out" "$work/err"; }
grep -qi 'Run as administrator' "$work/out" "$work/err" && pass "... and says how to elevate on Windows" || fail "elevation hint"
expect_code 4 "the same in Chinese" -- install --method policies --firefox "$ff_win" --lang zh-TW
grep -q '以系統管理員身分執行' "$work/out" "$work/err" && pass "... 以系統管理員身分執行" || { fail "needs-admin message in Chinese"; cat "$work/out" "$work/err"; }
cmp -s "$policies" "$work/locked.before" && pass "policies.json unchanged" || fail "policies.json changed"

# Nothing to act on: a --firefox folder that is no Firefox
expect_code 5 "detect on a folder without Firefox" -- detect --firefox 'C:\windows'

WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -w
echo "cli_win_test: $failures failure(s), $(( $(date +%s) - start )) s"
[ "$failures" -eq 0 ]
