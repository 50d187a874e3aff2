#!/usr/bin/env bash
# `collector verify` + `collector tally` of N signed ballots of one budget form (a roll of N keys), beside the time
# of the N Ed25519 verifications alone (bench-signatures: the same signatures, every core, nothing else) in the
# same run. Prints both times and their ratio (the target is at most 1.2), and the peak resident memory of verify
# and of tally (each under 500 MB at 1 000 000 ballots).
#
# Usage: Benchmarks/verify-tally.sh [N]   (default 1000000; the inputs are made once and kept in .bench/teller; delete
# that folder after a change of the collector's schema, which the tellers' commands then refuse)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
SCRATCH=.bench/teller/$COUNT
mkdir -p "$SCRATCH"
for product in collector bench-teller bench-signatures; do
  swift build -c release --scratch-path .build-bench --product "$product" >&2
done
BIN=$(swift build -c release --scratch-path .build-bench --show-bin-path)
# GNU time reports each command's peak resident memory.
[ -x /usr/bin/time ] || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"; $SUDO apt-get install -y -qq time >/dev/null; }

if [ ! -s "$SCRATCH/collector.sqlite" ]; then
  echo "generating $COUNT keys and signed ballots..." >&2
  "$BIN/bench-teller" "$COUNT" "$SCRATCH" >&2
fi

now() { date +%s.%N; }
# Fresh verdicts each run: verify writes them, tally reuses them.
sqlite3 "$SCRATCH/collector.sqlite" "DELETE FROM verdicts; DELETE FROM meta WHERE key = 'verdicts_fingerprint';" 2>/dev/null || true
rm -rf "$SCRATCH/results"

# The machine's speed drifts within minutes: the verifications alone run before and after, and their mean is the baseline.
before=$("$BIN/bench-signatures" "$SCRATCH/signatures.txt")

start=$(now)
/usr/bin/time -f %M -o "$SCRATCH/verify.rss" "$BIN/collector" verify --db "$SCRATCH/collector.sqlite" --manifest "$SCRATCH/ballots.json" --roll "$SCRATCH/roll.txt" \
  --report "$SCRATCH/report.json" >&2
middle=$(now)
/usr/bin/time -f %M -o "$SCRATCH/tally.rss" "$BIN/collector" tally --db "$SCRATCH/collector.sqlite" --manifest "$SCRATCH/ballots.json" --roll "$SCRATCH/roll.txt" \
  --out "$SCRATCH/results" >&2
end=$(now)
after=$("$BIN/bench-signatures" "$SCRATCH/signatures.txt")
baseline=$(echo "($before + $after) / 2" | bc -l)

verify=$(echo "$middle - $start" | bc -l)
tally=$(echo "$end - $middle" | bc -l)
total=$(echo "$end - $start" | bc -l)
printf "ballots:                      %d (cores: %d)\n" "$COUNT" "$(nproc)"
printf "Ed25519 verifications alone:  %.2f s (before %.2f, after %.2f)\n" "$baseline" "$before" "$after"
printf "collector verify:             %.2f s\n" "$verify"
printf "collector tally:              %.2f s\n" "$tally"
printf "verify + tally:               %.2f s\n" "$total"
printf "ratio (target <= 1.2):        %.3f\n" "$(echo "$total / $baseline" | bc -l)"
printf "peak resident, verify:        %d MB\n" "$(( $(tail -1 "$SCRATCH/verify.rss") / 1024 ))"
printf "peak resident, tally:         %d MB\n" "$(( $(tail -1 "$SCRATCH/tally.rss") / 1024 ))"
