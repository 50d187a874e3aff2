#!/usr/bin/env bash
# Durable submissions per second of `collector serve` (release build, SQLite WAL, group commit, no answer before
# the WAL holding it is synced) against a bare Hummingbird POST handler that only answers 200, under the same wrk
# load in the same run, alternating (bare, collector, bare, ...); then the collector again with --verify-signatures.
# Prints rate, p50, p99 and peak resident memory, and per round the collector's rate over the mean of the bare
# runs on either side of it, and the median: this shared machine's speed drifts by 20 % within minutes, so one
# pair of runs proves little.
#
# Usage: Benchmarks/collector-vs-bare.sh   (env: ROUNDS=5 DURATION=6 CONNECTIONS=64 THREADS=2 BALLOTS=300000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-6}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
BALLOTS=${BALLOTS:-300000}
SCRATCH=.bench/collector
mkdir -p "$SCRATCH"

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
for product in collector bench-bare bench-ballots; do
  swift build -c release --scratch-path .build-bench --product "$product" >&2
done
BIN=$(swift build -c release --scratch-path .build-bench --show-bin-path)

BODIES="$SCRATCH/bodies-$BALLOTS.jsonl"
if [ ! -s "$BODIES" ]; then
  echo "generating $BALLOTS signed ballots..." >&2
  "$BIN/bench-ballots" "$BALLOTS" "$SCRATCH/manifest.json" "$BODIES"
fi

wait_for_port() {
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "nothing listens on port $1" >&2
  return 1
}

# run NAME PORT COMMAND...: starts the server, loads it, prints one line of figures.
run() {
  local name=$1 port=$2
  shift 2
  "$@" >"$SCRATCH/$name.log" 2>&1 &
  local pid=$!
  wait_for_port "$port"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s Benchmarks/submit.lua "http://127.0.0.1:$port" -- \
    "$BODIES" "$THREADS" >"$SCRATCH/$name.wrk" 2>&1
  local rss_kb
  rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  local result
  result=$(grep '^RESULT' "$SCRATCH/$name.wrk") || { cat "$SCRATCH/$name.wrk" >&2; return 1; }
  eval "$(echo "${result#RESULT }" | tr ' ' '\n' | sed 's/^/local /')"
  local rate=$((requests * 1000000 / duration_us))
  printf '%-18s %7d req/s   p50 %6.2f ms   p99 %6.2f ms   peak RSS %4d MB   non-2xx %d   socket errors %d\n' \
    "$name" "$rate" "$(awk "BEGIN {print $p50_us / 1000}")" "$(awk "BEGIN {print $p99_us / 1000}")" $((rss_kb / 1024)) "$non2xx" "$socket_errors"
  echo "$rate" >"$SCRATCH/$name.rate"
}

COLLECTOR=("$BIN/collector" serve --manifest "$SCRATCH/manifest.json" --db "$SCRATCH/bench.sqlite" --port 8090
  --rate-limit 0 --log-level warning)

echo "load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, distinct signed ballots from $BODIES; $ROUNDS rounds"
# Each collector run sits between two bare runs and is compared with their mean, so a drift of the machine's
# speed across a round (common here) does not count for or against the collector.
run bare-hummingbird-1 8091 "$BIN/bench-bare" 8091
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  rm -f "$SCRATCH"/bench.sqlite*
  run "collector-$round" 8090 "${COLLECTOR[@]}"
  run "bare-hummingbird-$((round + 1))" 8091 "$BIN/bench-bare" 8091
  ratios+=("$(awk "BEGIN {printf \"%.3f\", 2 * $(cat "$SCRATCH/collector-$round.rate") / ($(cat "$SCRATCH/bare-hummingbird-$round.rate") + $(cat "$SCRATCH/bare-hummingbird-$((round + 1)).rate"))}")")
done
rm -f "$SCRATCH"/bench.sqlite*
run collector-verify 8090 "${COLLECTOR[@]}" --verify-signatures
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
printf 'collector / mean of the bare runs before and after it, per round: %s; median %.2f (target >= 0.70)\n' "${ratios[*]}" "$median"
