#!/usr/bin/env bash
# Reliability report (tests/reliability/README.md): every case of tests/reliability/reliability.py
# run N times on fake roots: crash at each write step, concurrent runs, root and foreign-owned
# paths, big and odd inputs. Fails if any file was lost or left partial, or any check failed.
# Usage: ci/reliability.sh [N] [PROFILES]   (N runs per case, default $RELIABILITY_RUNS or 2;
# PROFILES for the many-profiles case, default 1000). CI uses the defaults; locally try N=20.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-${RELIABILITY_RUNS:-2}}
profiles=${2:-1000}
[[ $runs =~ ^[1-9][0-9]*$ && $profiles =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: $0 [RUNS] [PROFILES]" >&2
  exit 2
}
start=$(date +%s)
# The ci build (the workflow in ci/test.sh made it) holds both executables; build them if not.
[ -f build/ci/CMakeCache.txt ] || cmake --preset ci >/dev/null
cmake --build build/ci -j2 --target gcatrust gcatrust-failpoints >/dev/null
python3 -B tests/reliability/reliability.py --gcatrust build/ci/installer/gcatrust \
  --failpoints build/ci/tests/reliability/gcatrust-failpoints --runs "$runs" --profiles "$profiles"
echo "reliability: $(($(date +%s) - start)) s"
