#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (preset "fuzz": clang, ASan + UBSan) and fuzzes
# each for a bounded time, one after the other (niced: the machine may be shared).
#   ci/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]     default: 60 seconds, every target
# The corpus a run finds is kept in build/fuzz/corpus/<target>/ and grows over runs (the seeds
# in tests/fuzz/corpus/<target>/ are read, never written). Crash inputs go to
# build/fuzz/crashes/<target>/ (emptied when the target runs again); the script prints them
# and exits non-zero. To keep one as a
# regression test, copy it into tests/fuzz/corpus/<target>/ with the fix.
# Prints per target: executions, executions per second, corpus size (and new entries), crashes.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(manifest_fuzzer bundle_fuzzer profiles_fuzzer policies_fuzzer)
start=$(date +%s)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2
built=$(date +%s)
echo "fuzz: build took $((built - start)) s"

out=build/fuzz
status=0
summary=()
for t in "${targets[@]}"; do
  corpus="$out/corpus/$t"
  crashes="$out/crashes/$t"
  log="$out/logs/$t.log"
  mkdir -p "$corpus" "$crashes" "$out/logs"
  rm -f "$crashes"/*  # a previous run printed its crashes; count this run's only
  before=$(find "$corpus" -type f | wc -l)
  echo "fuzz: $t for ${seconds} s (log: $log)"
  rc=0
  # -timeout: an input that takes over 10 s is a hang; -rss_limit_mb: 2 GiB is an OOM.
  nice -n 10 "$out/tests/fuzz/$t" -max_total_time="$seconds" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" \
    "$corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  after=$(find "$corpus" -type f | wc -l)
  found=$(find "$crashes" -type f | wc -l)
  summary+=("$(printf '%-16s %12s execs %8s exec/s  corpus %5s (+%s)  crashes %s' \
    "$t" "${execs:-?}" "${rate:-?}" "$after" "$((after - before))" "$found")")
  if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
    status=1
    echo "fuzz: $t FAILED (exit $rc); end of its log:"
    tail -n 60 "$log"
    for f in "$crashes"/*; do
      [ -e "$f" ] || continue
      echo "fuzz: crash input $f ($(wc -c <"$f") bytes), first bytes:"
      od -A d -c "$f" | head -n 12
    done
  fi
done

echo "fuzz: results ($(date -u +%Y-%m-%dT%H:%MZ), ${seconds} s per target):"
printf '  %s\n' "${summary[@]}"
echo "fuzz: took $(($(date +%s) - start)) s"
exit "$status"
