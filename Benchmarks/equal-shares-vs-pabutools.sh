#!/usr/bin/env bash
# Equal Shares (cost utilities) with Add1 on the largest file of ../shared/data/pabulib: `collector tally --pabulib`
# against pabutools (method_of_equal_shares, Cost_Sat, voter_budget_increment=1: Add1 stopping at the first exhaustive
# outcome, which is what pabutools implements, so ours runs with --stop-when-exhaustive) in the
# same run. Checks both select the same projects and prints both times and the ratio; the target is at least 100.
#
# Usage: Benchmarks/equal-shares-vs-pabutools.sh [FILE.pb]
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=${1:-$(ls -S ../shared/data/pabulib/*.pb | head -1)}
. scripts/python-env.sh
venv_install pabutools pabutools >&2
swift build -c release --scratch-path .build-bench --product collector >&2
BIN=$(swift build -c release --scratch-path .build-bench --show-bin-path)
SCRATCH=.bench/equal-shares
mkdir -p "$SCRATCH"

now() { date +%s.%N; }
start=$(now)
"$BIN/collector" tally --pabulib "$FILE" --rule equal-shares-add1 --stop-when-exhaustive > "$SCRATCH/ours.json"
ours=$(echo "$(now) - $start" | bc -l)

start=$(now)
python3 - "$FILE" > "$SCRATCH/pabutools.txt" <<'PY'
import sys
from pabutools.election import parse_pabulib, Cost_Sat
from pabutools.rules import method_of_equal_shares
instance, profile = parse_pabulib(sys.argv[1])
outcome = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)
print("\n".join(sorted(str(p.name) for p in outcome)))
PY
theirs=$(echo "$(now) - $start" | bc -l)

python3 -c "import json,sys; print('\n'.join(sorted(json.load(open(sys.argv[1]))['selected'])))" "$SCRATCH/ours.json" > "$SCRATCH/ours.txt"
if cmp -s "$SCRATCH/ours.txt" "$SCRATCH/pabutools.txt"; then same="yes"; else same="NO"; diff "$SCRATCH/ours.txt" "$SCRATCH/pabutools.txt" >&2 || true; fi
printf "file:                 %s\n" "$(basename "$FILE")"
printf "same winners:         %s (%d projects)\n" "$same" "$(wc -l < "$SCRATCH/ours.txt")"
printf "collector tally:      %.3f s (whole process)\n" "$ours"
printf "pabutools:            %.3f s (whole process)\n" "$theirs"
printf "ratio (target >= 100): %.1f\n" "$(echo "$theirs / $ours" | bc -l)"
[ "$same" = "yes" ]
