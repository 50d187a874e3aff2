#!/usr/bin/env bash
# An opinion map of a large conversation: `collector opinions` (release build, whole process: reading Pol.is's CSV
# files, the vote matrix, PCA of the mean-imputed votes, 100 base clusters, their k-means for k = 2…5 with 10 seeded
# runs each, silhouette choice, distinctive and consensus statements) against scikit-learn's PCA + KMeans (n_init=10)
# + silhouette_score over all participants for the same k on the same matrix, in the same run. Target: under 5 s for 10 000 participants × 500 statements; prints both times and the ratio.
#
# Usage: Benchmarks/opinions-vs-sklearn.sh [PARTICIPANTS] [STATEMENTS] [DENSITY]   (default 10000 500 0.3)
set -euo pipefail
cd "$(dirname "$0")/.."
PARTICIPANTS=${1:-10000}
STATEMENTS=${2:-500}
DENSITY=${3:-0.3}
SCRATCH=.bench/opinions-$PARTICIPANTS-$STATEMENTS
mkdir -p "$SCRATCH"
. scripts/python-env.sh
venv_install "sklearn, numpy" scikit-learn numpy >&2
swift build -c release --scratch-path .build-bench --product collector >&2
BIN=$(swift build -c release --scratch-path .build-bench --show-bin-path)

# Three camps with their own leanings, every participant reacting to a random share of the statements.
if [ ! -s "$SCRATCH/votes.csv" ]; then
  python3 - "$PARTICIPANTS" "$STATEMENTS" "$DENSITY" "$SCRATCH" <<'PY'
import random, sys
participants, statements, density, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
random.seed(7)
camps = [[random.random() for _ in range(statements)] for _ in range(3)]
with open(f"{out}/comments.csv", "w") as comments:
    comments.write("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n")
    for s in range(statements):
        comments.write(f"0,,{s},0,0,0,1,Statement {s}\n")
with open(f"{out}/votes.csv", "w") as votes:
    votes.write("timestamp,datetime,comment-id,voter-id,vote\n")
    for p in range(participants):
        lean = camps[p % 3]
        for s in random.sample(range(statements), max(7, int(statements * density))):
            r = random.random()
            vote = 0 if r < 0.1 else 1 if r < 0.1 + 0.9 * lean[s] else -1
            votes.write(f"{p * statements + s},,{s},{p},{vote}\n")
PY
fi

now() { date +%s.%N; }
start=$(now)
"$BIN/collector" opinions --polis-comments "$SCRATCH/comments.csv" --polis-votes "$SCRATCH/votes.csv" --out "$SCRATCH/ours.json" >/dev/null
ours=$(echo "$(now) - $start" | bc -l)

python3 - "$SCRATCH" > "$SCRATCH/sklearn.txt" <<'PY'
import sys, time
import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
out = sys.argv[1]
load = time.perf_counter()
data = np.loadtxt(f"{out}/votes.csv", delimiter=",", skiprows=1, usecols=(2, 3, 4), dtype=np.int64)
statements, voters = data[:, 0].max() + 1, data[:, 1].max() + 1
matrix = np.zeros((voters, statements))
matrix[data[:, 1], data[:, 0]] = data[:, 2]
start = time.perf_counter()
points = PCA(n_components=2, random_state=0).fit_transform(matrix)
best = max((silhouette_score(points, KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(points)), k) for k in range(2, 6))
end = time.perf_counter()
print(f"{end - start:.3f} {start - load:.3f} {best[1]}")
PY
read -r theirs theirs_load theirs_k < "$SCRATCH/sklearn.txt"
groups=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['groups']))" "$SCRATCH/ours.json")
printf "conversation:          %d participants x %d statements, %.0f%% reacted\n" "$PARTICIPANTS" "$STATEMENTS" "$(echo "$DENSITY * 100" | bc -l)"
printf "collector opinions:    %.3f s (whole process, CSV included; target < 5 s), %s groups\n" "$ours" "$groups"
printf "scikit-learn:          %.3f s (PCA + KMeans + silhouette only; its CSV load took %.3f s more), k = %s\n" "$theirs" "$theirs_load" "$theirs_k"
printf "ratio scikit-learn / collector: %.2f\n" "$(echo "$theirs / $ours" | bc -l)"
