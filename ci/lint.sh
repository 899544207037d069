#!/usr/bin/env bash
# Static checks over the tracked C++ sources:
#  1. clang-format --dry-run --Werror (.clang-format): every file formatted;
#  2. clang-tidy with the curated checks of .clang-tidy, on the product files the ci build compiles
#     (its compile_commands.json; the Windows-only files are not in it);
#  3. cppcheck --enable=warning,performance,portability, suppressions in
#     ci/cppcheck-suppressions.txt (each one justified there).
# Uses build/ci (configured here if missing; nothing is built, only generated sources).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
status=0

mapfile -t sources < <(git ls-files '*.cpp' '*.h')
echo "lint: clang-format over ${#sources[@]} files"
clang-format --dry-run --Werror "${sources[@]}" || status=1
t1=$(date +%s)
echo "lint: clang-format took $((t1 - start)) s"

build=build/ci
if [ ! -f "$build/compile_commands.json" ] ||
   ! grep -q 'CMAKE_EXPORT_COMPILE_COMMANDS:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake --preset ci -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
fi
# Only the tracked sources (not the generated embedded_certs.cpp, which may not be built yet):
# a database of their own, for clang-tidy and cppcheck.
db=build/lint
mkdir -p "$db"
mapfile -t compiled < <(python3 - "$build/compile_commands.json" "$db/compile_commands.json" \
                          "${sources[@]}" <<'PY'
import json, os, sys
tracked = {os.path.realpath(f) for f in sys.argv[3:]}
entries = [e for e in json.load(open(sys.argv[1]))
           if os.path.realpath(os.path.join(e["directory"], e["file"])) in tracked]
json.dump(entries, open(sys.argv[2], "w"), indent=1)
for e in entries:
    print(os.path.relpath(os.path.realpath(os.path.join(e["directory"], e["file"]))))
PY
)
# clang-tidy over the product code and the fuzz targets; the other tests are GoogleTest
# bodies whose macros cost minutes to analyse and hold little for these checks.
mapfile -t tidy < <(printf '%s\n' "${compiled[@]}" | grep -E '^(embed|installer|platform|tests/fuzz)/')
echo "lint: clang-tidy over ${#tidy[@]} of the ${#compiled[@]} compiled files"
printf '%s\n' "${tidy[@]}" |
  xargs -P 2 -n 4 clang-tidy -p "$db" --quiet 2>/dev/null >"$db/clang-tidy.log" || status=1
if grep -q 'error:\|warning:' "$db/clang-tidy.log"; then
  grep -A3 'error:\|warning:' "$db/clang-tidy.log"
  status=1
fi
t2=$(date +%s)
echo "lint: clang-tidy took $((t2 - t1)) s"

echo "lint: cppcheck"
cppcheck --project="$db/compile_commands.json" --library=googletest --enable=warning,performance,portability \
  --error-exitcode=1 --inline-suppr --suppressions-list=ci/cppcheck-suppressions.txt \
  --quiet -j 2 || status=1
echo "lint: cppcheck took $(($(date +%s) - t2)) s"

echo "lint: $([ "$status" -eq 0 ] && echo passed || echo FAILED) in $(($(date +%s) - start)) s"
exit "$status"
