#!/usr/bin/env bash
# Quick start, first command: set up a fresh Debian 12 machine, build the optimised gcatrust with
# the embedded default certificates, and show them and what `install` would do (changes nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
cmake --workflow --preset release
./build/release/installer/gcatrust --version
./build/release/installer/gcatrust list
./build/release/installer/gcatrust detect || true   # exit 5 when no Firefox is installed
./build/release/installer/gcatrust install --dry-run || true
