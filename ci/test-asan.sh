#!/usr/bin/env bash
# Builds gcatrust and every test with AddressSanitizer + UndefinedBehaviorSanitizer (preset
# "asan": gcc, -fsanitize=address,undefined -fno-sanitize-recover=undefined) and runs them all,
# end-to-end tests included (the NSS workers gcatrust starts inherit the sanitizers' options, so
# they run checked too, with Firefox's and the system's libnss3 loaded). ASAN_OPTIONS and
# UBSAN_OPTIONS come from the test preset; tests/fuzz/README.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
cmake --workflow --preset asan
echo "test-asan: took $(($(date +%s) - start)) s"
