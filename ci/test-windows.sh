#!/usr/bin/env bash
# Windows suite: cross-builds gcatrust.exe and its tests with mingw-w64 (preset windows) and runs
# them under wine (unit and profile tests, the Win32 platform tests, gcatrust.exe's CLI scenarios),
# then checks that gcatrust.exe imports only system DLLs and prints its size.
# Needs what ci/install-deps.sh installs (mingw-w64, libz-mingw-w64-dev, wine).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

# A wine prefix of this run only (created on first use, about 5 s), removed at the end.
GCATRUST_WINEPREFIX=$(mktemp -d)/prefix
export GCATRUST_WINEPREFIX
cleanup() {
  WINEPREFIX="$GCATRUST_WINEPREFIX" wineserver -k 2>/dev/null || true
  rm -rf "$(dirname "$GCATRUST_WINEPREFIX")"
}
trap cleanup EXIT

cmake --workflow --preset windows

exe=build/windows/installer/gcatrust.exe
# Only DLLs that every Windows has: no libstdc++-6.dll, libwinpthread-1.dll, zlib1.dll.
bad=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/DLL Name:/ {print $3}' |
  grep -viE '^(advapi32|kernel32|msvcrt|bcrypt)\.dll$' || true)
if [ -n "$bad" ]; then
  echo "test-windows: gcatrust.exe imports non-system DLLs: $bad" >&2
  exit 1
fi
echo "test-windows: gcatrust.exe imports only $(x86_64-w64-mingw32-objdump -p "$exe" |
  awk '/DLL Name:/ {printf "%s ", $3}')"
size=$(stat -c %s "$exe")
echo "test-windows: gcatrust.exe $size bytes ($((size / 1024)) KiB)"
echo "test-windows: passed in $(( $(date +%s) - start )) s"
