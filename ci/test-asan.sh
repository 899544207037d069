#!/usr/bin/env bash
# Builds gcatrust and every test with AddressSanitizer + UndefinedBehaviorSanitizer (preset
# "asan": gcc, -fsanitize=address,undefined -fno-sanitize-recover=undefined) and runs them all,
# end-to-end tests included. ASAN_OPTIONS and UBSAN_OPTIONS come from the test preset; see
# tests/fuzz/README.md for what runs under the sanitizers and what had to be adjusted.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
cmake --workflow --preset asan
echo "test-asan: took $(($(date +%s) - start)) s"
