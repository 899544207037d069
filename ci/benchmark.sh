#!/usr/bin/env bash
# Prints the size figures of the release build (a benchmark, not a test): the stripped gcatrust
# (target: at most 1 MiB on Linux) and the embed step's bundle, plus the time of a dry run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/release/installer/gcatrust ] || cmake --workflow --preset release >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp build/release/installer/gcatrust "$tmp/gcatrust"
strip "$tmp/gcatrust"
size=$(stat -c %s "$tmp/gcatrust")
printf "gcatrust stripped: %d bytes (%d KiB; target <= 1024 KiB: %s)\n" "$size" "$((size / 1024))" \
  "$([ "$size" -le 1048576 ] && echo met || echo MISSED)"
build/release/embed/gcatrust-embed --manifest certs/manifest.json --output "$tmp/embedded_certs.cpp"
mkdir -p "$tmp/root/usr/lib/firefox-esr"
touch "$tmp/root/usr/lib/firefox-esr/application.ini" "$tmp/root/usr/lib/firefox-esr/firefox-esr"
start=$(date +%s%N)
for _ in $(seq 20); do "$tmp/gcatrust" install --dry-run --root "$tmp/root" >/dev/null; done
echo "install --dry-run on an image root: $(( ($(date +%s%N) - start) / 20000 )) us per run (mean of 20)"

# Windows: gcatrust.exe of the windows preset (target: at most 1.5 MiB), when mingw-w64 is there.
if command -v x86_64-w64-mingw32-g++-posix >/dev/null; then
  exe=build/windows/installer/gcatrust.exe
  [ -f "$exe" ] || { cmake --preset windows >/dev/null && cmake --build --preset windows --target gcatrust >/dev/null; }
  size=$(stat -c %s "$exe")
  printf "gcatrust.exe (mingw-w64, static, stripped): %d bytes (%d KiB; target <= 1536 KiB: %s)\n" \
    "$size" "$((size / 1024))" "$([ "$size" -le 1572864 ] && echo met || echo MISSED)"
fi
# Windows packages (built with the `windows` preset when missing): sizes of setup.exe and the ZIP.
if ! ls build/windows/gcatrust-*-win64-setup.exe >/dev/null 2>&1; then
  { cmake --preset windows && cmake --build build/windows --target package -j2; } >/dev/null
fi
for f in build/windows/gcatrust-*-win64-setup.exe build/windows/gcatrust-*-win64-portable.zip; do
  size=$(stat -c %s "$f")
  printf "%s: %d bytes (%d KiB)\n" "$(basename "$f")" "$size" "$((size / 1024))"
done
