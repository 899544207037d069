#!/usr/bin/env bash
# CMAKE_CROSSCOMPILING_EMULATOR of the Windows build: runs a Windows program under wine.
# WINEPREFIX: $GCATRUST_WINEPREFIX when set (a script that prepares registry keys shares its prefix
# with the programs it runs), else one prefix per build tree (created once, about 5 s; later
# starts take about 0.3 s; installer/docs/facts.md §8.2). WINEDEBUG=-all keeps wine's own
# chatter out of the output the tests look at. The exit code is the program's.
set -euo pipefail
if [ -z "${GCATRUST_WINEPREFIX:-}" ]; then
  GCATRUST_WINEPREFIX="${TMPDIR:-/tmp}/gcatrust-wine-$(id -u)"
fi
export WINEPREFIX="$GCATRUST_WINEPREFIX"
export WINEDEBUG=-all
# No "install Mono/Gecko?" dialogs, no desktop integration while the prefix is created.
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=;winemenubuilder.exe=d}"
mkdir -p "$WINEPREFIX"
# CTest starts tests in parallel: the first one creates the prefix while the others wait.
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  flock "$WINEPREFIX/.gcatrust-create.lock" \
    sh -c '[ -f "$WINEPREFIX/system.reg" ] || { wineboot -i >/dev/null 2>&1; wineserver -w; }'
fi
exec wine "$@"
