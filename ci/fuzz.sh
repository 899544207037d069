#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (preset "fuzz": clang, ASan + UBSan) and fuzzes
# each for a bounded time, one after the other (niced: the machine may be shared).
#   ci/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]     default: 60 seconds, every target
#   FUZZ_RECORD=1 ci/fuzz.sh 1800                   a long local run, appended to the ledger
# The corpus a run finds is kept in build/fuzz/corpus/<target>/ and grows over runs (the seeds
# in tests/fuzz/corpus/<target>/ are read, never written). Crash inputs go to
# build/fuzz/crashes/<target>/ (emptied when the target runs again); the script prints them
# and exits non-zero. To keep one as a regression test, copy it into tests/fuzz/corpus/<target>/
# with the fix.
# Prints per target: executions, executions per second, corpus size (and new entries), crashes,
# and the executions of every run in the ledger tests/fuzz/ledger.tsv plus this one against the
# goal of issue 5 (10 million per target). With FUZZ_RECORD=1 (never in CI, which only prints)
# this run's figures are appended to the ledger, to be committed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] ||
  targets=(manifest_fuzzer bundle_fuzzer profiles_fuzzer policies_fuzzer registry_policy_fuzzer)
ledger=tests/fuzz/ledger.tsv
goal="${FUZZ_GOAL:-10000000}"
record="${FUZZ_RECORD:-0}"
if [ "$record" = 1 ] && [ "${CI:-}" = true ]; then
  echo "fuzz: CI=true, so FUZZ_RECORD is ignored: the ledger is written by local runs only"
  record=0
fi
# Faster fuzzing (tests/fuzz/README.md, "Throughput"): allocation stacks are not recorded
# (malloc_context_size=0; ASan still stops at the bad access and prints where it was: rerun a
# crash input with ASAN_OPTIONS=malloc_context_size=30 for the allocation's stack), and freed
# memory is held back 16 MiB deep instead of 256 (quarantine_size_mb: still far more than one
# input allocates, so a use after free is caught; the 256 MiB cycled through fresh pages).
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0:quarantine_size_mb=16}"
start=$(date +%s)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2
built=$(date +%s)
echo "fuzz: build took $((built - start)) s"

commit=$(git rev-parse --short=12 HEAD)
# A run of uncommitted code is marked as such (the ledger itself does not count).
git diff --quiet HEAD -- . ":(exclude)$ledger" || commit="$commit-dirty"

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
  args=()  # a dictionary of the input's tokens, where the target has one
  [ -f "tests/fuzz/$t.dict" ] && args+=("-dict=tests/fuzz/$t.dict")
  echo "fuzz: $t for ${seconds} s (log: $log)"
  t0=$(date +%s)
  rc=0
  # -timeout: an input that takes over 10 s is a hang; -rss_limit_mb: 2 GiB is an OOM.
  nice -n 10 "$out/tests/fuzz/$t" -max_total_time="$seconds" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" "${args[@]}" \
    "$corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  took=$(($(date +%s) - t0))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # A run that stopped at a crash prints no final stats: its last status line "#N ..." counts.
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$log" | tail -1)
  execs="${execs:-0}"
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  [ -n "$rate" ] || rate=$((execs / (took > 0 ? took : 1)))
  after=$(find "$corpus" -type f | wc -l)
  found=$(find "$crashes" -type f | wc -l)

  previous=0
  if [ -f "$ledger" ]; then
    previous=$(awk -F'\t' -v t="$t" 'NR > 1 && $3 == t { s += $5 } END { printf "%d", s }' \
      "$ledger")
  fi
  total=$((previous + execs))
  reached="goal of $goal not reached"
  [ "$total" -lt "$goal" ] || reached="goal of $goal reached"
  if [ "$record" = 1 ]; then
    [ -f "$ledger" ] || printf 'date_utc\tcommit\ttarget\tseconds\texecutions\texec_per_s\tcorpus\tcrashes\n' >"$ledger"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$commit" "$t" \
      "$took" "$execs" "$rate" "$after" "$found" >>"$ledger"
  fi
  summary+=("$(printf '%-22s %11s execs %6s exec/s  corpus %5s (+%s)  crashes %s  | ledger %s + this run = %s execs, %s' \
    "$t" "$execs" "$rate" "$after" "$((after - before))" "$found" "$previous" "$total" "$reached")")
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

echo "fuzz: results ($(date -u +%Y-%m-%dT%H:%MZ), commit $commit, ${seconds} s per target):"
printf '  %s\n' "${summary[@]}"
if [ "$record" = 1 ]; then
  echo "fuzz: appended to $ledger (commit it)"
fi
echo "fuzz: took $(($(date +%s) - start)) s"
exit "$status"
