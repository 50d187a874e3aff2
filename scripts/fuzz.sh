#!/usr/bin/env bash
# Fuzzes every parser a stranger's bytes reach (Fuzz/Targets/FuzzTarget.swift) with libFuzzer and AddressSanitizer,
# SECONDS each (default 60), from the seeds in Fuzz/corpus/TARGET; the corpus it grows is kept in .fuzz/. Prints per
# target the executions and the coverage reached. A finding stops the run with the input in .fuzz/findings/: fix
# it and keep the input in Fuzz/regressions/TARGET/, which every test run replays (FuzzCorpusTests).
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
# The project's modules are rebuilt instrumented (FUZZ=1, read by Package.swift); the dependencies' build is reused.
FUZZ=1 swift build --product fuzz >&2
bin="$(FUZZ=1 swift build --product fuzz --show-bin-path)/fuzz"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(json form ballot http frontmatter siteyaml pabulib polis roll canonicaljson)
mkdir -p .fuzz/findings
for target in "${targets[@]}"; do
  corpus=.fuzz/corpus/$target
  mkdir -p "$corpus"
  log=.fuzz/$target.log
  status=0
  # detect_leaks=0: a parser's caches outlive one input by design; rss_limit and timeout make hangs and blow-ups findings.
  ASAN_OPTIONS=detect_leaks=0 FUZZ_TARGET=$target "$bin" "$corpus" "Fuzz/corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix=".fuzz/findings/$target-" >"$log" 2>&1 || status=$?
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  printf "fuzz %-12s %10s executions  %s  corpus %s files\n" "$target" "${runs:-?}" "${coverage:-cov: ?}" "$(ls "$corpus" | wc -l)"
  if [ "$status" -ne 0 ]; then
    grep -E "ERROR|Fatal error|Precondition failed|SUMMARY|Test unit written" "$log" | head -10 >&2
    echo "fuzz $target: a finding (exit $status); the whole log is $log" >&2
    exit 1
  fi
done
