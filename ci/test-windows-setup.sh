#!/usr/bin/env bash
# The Windows packages under wine, judged by what they leave on disk and in the registry:
#  0. Signing: cpack again with a throwaway key (GCATRUST_SIGN_CERT/KEY); osslsigncode verifies
#     setup.exe and the ZIP's gcatrust.exe. Steps 1-4 use these signed packages.
#  1. setup.exe /S with no Firefox: exit code 5 comes out of setup.exe, nothing is left behind.
#  2. setup.exe /S with a Firefox (registry key + folder) whose policies.json the admin wrote:
#     exit 0, gcatrust.exe in Program Files, the Apps & Features entry, the certificates listed.
#  3. A failing uninstall (policies.json made malformed) exits 1 and keeps gcatrust to retry.
#  4. The registered QuietUninstallString: exit 0, everything gone, the admin's policies.json back.
#  5. The portable ZIP unpacked in a folder with spaces and Chinese characters: install.cmd and
#     uninstall.cmd (the same checks).
#  6. The wizard clicked through in Traditional Chinese under Xvfb: a screenshot of every page in
#     build/windows/artifacts/, and the install it made.
# Usage: bash ci/test-windows-setup.sh [build dir, default build/windows; built when missing]
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
build=${1:-build/windows}
if ! ls "$build"/gcatrust-*-win64-setup.exe >/dev/null 2>&1; then
  cmake --workflow --preset windows  # configure, build, test under wine, package
fi
setup=$(ls "$build"/gcatrust-*-win64-setup.exe | head -1)
zip=$(ls "$build"/gcatrust-*-win64-portable.zip | head -1)
artifacts="$build/artifacts"
mkdir -p "$artifacts"

tmp=$(mktemp -d)
xvfb_pid=""
cleanup() {
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  WINEPREFIX="$tmp/prefix" wineserver -k 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all
# No Mono/Gecko download prompts while the prefix is made (no network in CI anyway).
export WINEDLLOVERRIDES="mscoree,mshtml="
c="$WINEPREFIX/drive_c"
failures=0
check() {  # check "what" command...: one line per check, the script fails at the end if any did
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
says() { local file=$1 text=$2; [ -f "$file" ] && grep -qF -- "$text" "$file"; }
not_there() { [ ! -e "$1" ]; }
not() { ! "$@"; }
some_file() { compgen -G "$1" >/dev/null; }
no_file() { ! compgen -G "$1" >/dev/null; }
# Runs a Windows program and prints its exit code after every process in the prefix has ended.
run() { local rc=0; wine "$@" >"$tmp/out.txt" 2>&1 || rc=$?; wineserver -w; echo "$rc"; }
# Runs a command line exactly as Windows would (from a .cmd file, no quoting by wine).
run_cmdline() {
  printf '@%s\r\n@exit /b %%errorlevel%%\r\n' "$1" >"$c/gcatrust-test.cmd"
  run cmd /c 'C:\gcatrust-test.cmd' </dev/null
}
uninstall_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\gcatrust'
reg_value() {  # reg_value KEY NAME: the data of a REG_SZ/REG_DWORD value, or nothing
  wine reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | sed -n "s/^ *$2 *REG_[A-Z_]* *//p"
}

echo "== 0. Signed packages (a throwaway test key)"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=gcatrust CI test signing" \
  -addext "extendedKeyUsage=codeSigning" -keyout "$tmp/sign.key" -out "$tmp/sign.crt" 2>/dev/null
signed() { osslsigncode verify -CAfile "$tmp/sign.crt" -in "$1"; }
GCATRUST_SIGN_CERT="$tmp/sign.crt" GCATRUST_SIGN_KEY="$tmp/sign.key" \
  cpack --config "$build/CPackConfig.cmake" -B "$tmp/signed" >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; exit 1; }
signed_setup="$tmp/signed/$(basename "$setup")"
unzip -q -j "$tmp/signed/$(basename "$zip")" '*/gcatrust.exe' -d "$tmp/signed-zip"
check "signed setup.exe verifies" signed "$signed_setup"
check "signed ZIP: gcatrust.exe verifies" signed "$tmp/signed-zip/gcatrust.exe"
check "the unsigned setup.exe does not" not signed "$setup"
setup_unsigned=$setup
setup=$signed_setup

wine wineboot --init >/dev/null 2>&1
wineserver -w
program_files="$c/Program Files/gcatrust"

echo "== 1. setup.exe /S, no Firefox"
rc=$(run "$setup" /S)
check "exit code 5 (no Firefox) comes out of setup.exe (got $rc)" test "$rc" = 5
check "nothing left in Program Files" not_there "$program_files"
check "no Apps & Features entry" test -z "$(reg_value "$uninstall_key" DisplayName)"

echo "== 2. setup.exe /S with a Firefox and the admin's policies.json"
# Firefox's installer writes this key (HKLM\SOFTWARE\Mozilla\Mozilla Firefox\<version>\Main,
# "Install Directory"); gcatrust finds Firefox through it (installer/docs/facts.md §3.2).
firefox="$c/Program Files/Mozilla Firefox"
mkdir -p "$firefox/distribution"
cp /bin/true "$firefox/firefox.exe"  # any file: gcatrust.exe only looks, never runs it
printf '[App]\r\nVendor=Mozilla\r\nName=Firefox\r\nVersion=128.0\r\n' >"$firefox/application.ini"
wine reg add 'HKLM\SOFTWARE\Mozilla\Mozilla Firefox\128.0 (x64 zh-TW)\Main' /v "Install Directory" \
  /d 'C:\Program Files\Mozilla Firefox' /f >/dev/null
wine reg add 'HKLM\SOFTWARE\Mozilla\Mozilla Firefox' /v CurrentVersion /d '128.0 (x64 zh-TW)' \
  /f >/dev/null
policies="$firefox/distribution/policies.json"
printf '{\n  "policies": {\n    "DisableAppUpdate": true\n  }\n}\n' >"$policies"
cp "$policies" "$tmp/policies.orig"
rc=$(run "$setup" /S)
check "setup.exe /S exits 0 (got $rc)" test "$rc" = 0
check "gcatrust.exe in Program Files" test -f "$program_files/gcatrust.exe"
check "uninstall.exe in Program Files" test -f "$program_files/uninstall.exe"
check "installed gcatrust.exe is signed" signed "$program_files/gcatrust.exe"
check "installed uninstall.exe is signed" signed "$program_files/uninstall.exe"
check "Apps & Features: DisplayName" test -n "$(reg_value "$uninstall_key" DisplayName)"
check "Apps & Features: DisplayVersion" test -n "$(reg_value "$uninstall_key" DisplayVersion)"
check "Apps & Features: Publisher" test -n "$(reg_value "$uninstall_key" Publisher)"
check "Apps & Features: UninstallString" \
  test "$(reg_value "$uninstall_key" UninstallString)" = '"C:\Program Files\gcatrust\uninstall.exe"'
quiet=$(reg_value "$uninstall_key" QuietUninstallString)
check "Apps & Features: QuietUninstallString ($quiet)" test -n "$quiet"
check "policies.json lists the certificates" says "$policies" gcatrust
check "policies.json keeps the admin's DisableAppUpdate" says "$policies" DisableAppUpdate
check "certificate files written" some_file "$c/ProgramData/gcatrust/certs/gcatrust-*.der"
cp "$policies" "$tmp/policies.installed"

echo "== 3. A failing uninstall keeps gcatrust"
printf '{ "policies": ' >"$policies"  # malformed: gcatrust must not touch it
rc=$(run_cmdline "$quiet")
check "uninstaller exit code 1 comes out of it (got $rc)" test "$rc" = 1
check "gcatrust.exe kept to retry" test -f "$program_files/gcatrust.exe"
check "Apps & Features entry kept" test -n "$(reg_value "$uninstall_key" DisplayName)"
check "the malformed policies.json is left as it was" test "$(cat "$policies")" = '{ "policies": '
cp "$tmp/policies.installed" "$policies"

echo "== 4. The registered QuietUninstallString"
rc=$(run_cmdline "$quiet")
check "uninstaller exits 0 (got $rc)" test "$rc" = 0
check "Program Files\\gcatrust removed" not_there "$program_files"
check "Apps & Features entry removed" test -z "$(reg_value "$uninstall_key" DisplayName)"
check "the admin's policies.json is back byte for byte" cmp "$policies" "$tmp/policies.orig"
check "certificate files removed" no_file "$c/ProgramData/gcatrust/certs/gcatrust-*"

echo "== 5. Portable ZIP in a folder with spaces and Chinese characters"
usb="$c/隨身碟 USB/政府憑證 工具"
mkdir -p "$usb"
unzip -q -j "$zip" -d "$usb"
for f in gcatrust.exe install.cmd uninstall.cmd status.cmd README.txt; do
  check "ZIP holds $f" test -f "$usb/$f"
done
rc=$(run cmd /c 'C:\隨身碟 USB\政府憑證 工具\install.cmd' </dev/null)
cp "$tmp/out.txt" "$artifacts/portable-install-output.txt"
check "install.cmd exits 0 (got $rc)" test "$rc" = 0
check "install.cmd: policies.json lists the certificates" says "$policies" gcatrust
check "install.cmd: DisableAppUpdate kept" says "$policies" DisableAppUpdate
rc=$(run cmd /c 'C:\隨身碟 USB\政府憑證 工具\status.cmd' </dev/null)
check "status.cmd exits 0 (got $rc)" test "$rc" = 0
rc=$(run cmd /c 'C:\隨身碟 USB\政府憑證 工具\uninstall.cmd' </dev/null)
check "uninstall.cmd exits 0 (got $rc)" test "$rc" = 0
check "uninstall.cmd: the admin's policies.json is back" cmp "$policies" "$tmp/policies.orig"

echo "== 6. The wizard in Traditional Chinese (Xvfb), one screenshot per page"
setup=$setup_unsigned
# NSIS's zh-TW pages ask for the font 新細明體 (PMingLiU), which wine lacks: a CJK font stands in
# (its bitmap "Sharp" cut: the outline one lost hyphens at 9 pt).
for font in PMingLiU 新細明體 "MS Shell Dlg" "MS Shell Dlg 2" Tahoma; do
  wine reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$font" /d "WenQuanYi Zen Hei Sharp" /f \
    >/dev/null
done
wineserver -w
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
sleep 1
wine "$setup" /LANG=zh-TW >/dev/null 2>&1 &
window=""
for _ in $(seq 120); do
  window=$(xdotool search --onlyvisible --name "gcatrust" 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
shot() {  # shot NAME: saves the page once drawn: not one flat colour, not the page before, and
  # the same as a second ago
  local file="$artifacts/setup-zh-TW-$1.png" frame="$tmp/frame.png" last="$tmp/last.png"
  rm -f "$tmp/previous.png"
  for _ in $(seq 60); do
    sleep 1
    { import -window "$window" "$frame" || xwd -id "$window" | convert xwd:- "$frame"; } \
      2>/dev/null || continue
    if [ -f "$tmp/previous.png" ] && compare -metric AE "$frame" "$tmp/previous.png" null: 2>/dev/null &&
      [ "$(convert "$frame" -format '%[fx:standard_deviation>0.05]' info:)" = 1 ] &&
      ! { [ -f "$last" ] && compare -metric AE "$frame" "$last" null: 2>/dev/null; }; then
      cp "$frame" "$file"
      cp "$frame" "$last"
      break
    fi
    cp "$frame" "$tmp/previous.png"
  done
  echo "     $file"
}
rm -f "$artifacts"/setup-zh-TW-*.png
pages=(1-welcome 2-certificates 3-firefox 4-result)
if [ -n "$window" ]; then
  xdotool windowfocus --sync "$window" 2>/dev/null || true
  for page in "${pages[@]}"; do
    if [ "$page" = 4-result ]; then
      # After Install: the result page comes when the install is done (the uninstaller written).
      for _ in $(seq 120); do [ -f "$program_files/uninstall.exe" ] && break; sleep 1; done
    fi
    shot "$page"
    xdotool key --clearmodifiers Return  # Next, Next, Install, Close
  done
  timeout 60 wineserver -w || { echo "FAIL the wizard did not close"; failures=$((failures + 1)); }
fi
check "the wizard window came up" test -n "$window"
for page in "${pages[@]}"; do
  check "screenshot $page" test -s "$artifacts/setup-zh-TW-$page.png"
done
check "wizard install: gcatrust.exe in Program Files" test -f "$program_files/gcatrust.exe"
check "wizard install: policies.json lists the certificates" says "$policies" gcatrust
wine reg export "$uninstall_key" 'C:\gcatrust-key.reg' /y >/dev/null 2>&1 || true
check "wizard install: Apps & Features entry in Chinese" \
  sh -c "iconv -f utf-16 -t utf-8 '$c/gcatrust-key.reg' | grep -q 政府憑證"
echo "screenshots: $(cd "$artifacts" && pwd)"

echo "setup.exe $(stat -c %s "$setup") bytes, ZIP $(stat -c %s "$zip") bytes"
echo "test-windows-setup: $failures failed, $(($(date +%s) - started)) s"
[ "$failures" -eq 0 ]
