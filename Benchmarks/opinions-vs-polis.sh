#!/usr/bin/env bash
# How well `collector opinions` finds Pol.is's own groups on the real conversations in ../shared/data/polis: the
# adjusted Rand index (ARI) of its groups against Pol.is's `group-id`, beside a plain scikit-learn reference (unseen
# votes imputed with the statement's mean, PCA to two axes, points scaled by sqrt(statements / seen), k-means for
# k = 2..5 chosen by silhouette), over the participants both place in a group. The reference's numbers are the
# floors that Tests/ModelTests/PolisOpenDataTests.swift holds the map to.
#
# Usage: Benchmarks/opinions-vs-polis.sh [DATA_FOLDER]   (default ../shared/data/polis)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/polis}
SCRATCH=.bench/opinions-vs-polis
mkdir -p "$SCRATCH"
. scripts/python-env.sh
venv_install "sklearn, numpy" scikit-learn numpy >&2
swift build --product collector >&2
BIN=$(swift build --show-bin-path)
for folder in "$DATA"/*/; do
  name=$(basename "$folder")
  "$BIN/collector" opinions --polis-comments "$folder/comments.csv" --polis-votes "$folder/votes.csv" --out "$SCRATCH/$name.json" >/dev/null
done

python3 - "$DATA" "$SCRATCH" <<'PY'
import csv, json, os, sys
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
data, scratch = sys.argv[1], sys.argv[2]

def reference(folder):
    """Counted participants as the map counts them: at least min(7, statements voted on) votes, moderated-out included."""
    comments = list(csv.DictReader(open(f"{folder}/comments.csv")))
    rejected = {c["comment-id"] for c in comments if c["moderated"] == "-1"}
    rows = sorted(csv.DictReader(open(f"{folder}/votes.csv")), key=lambda r: float(r["timestamp"]))
    latest = {}
    for r in rows:
        latest.setdefault(r["voter-id"], {})[r["comment-id"]] = int(r["vote"])
    reacted = {c for votes in latest.values() for c in votes}
    counted = sorted(p for p, votes in latest.items() if len(votes) >= min(7, len(reacted)))
    columns = sorted(reacted - rejected, key=str)
    index = {c: i for i, c in enumerate(columns)}
    matrix = np.full((len(counted), len(columns)), np.nan)
    for row, p in enumerate(counted):
        for c, v in latest[p].items():
            if c in index:
                matrix[row, index[c]] = v
    seen = ~np.isnan(matrix)
    means = np.where(seen.any(0), np.nanmean(np.where(seen.any(0), matrix, 0), 0), 0)
    centred = np.where(seen, matrix - means, 0.0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    points = centred @ axes[:2].T * np.sqrt(len(columns) / np.maximum(seen.sum(1), 1))[:, None]
    best = max((silhouette_score(points, labels), k, list(labels)) for k in range(2, 6)
               for labels in [KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(points)])
    return dict(zip(counted, best[2]))

print("| conversation | this project | plain reference | groups (project / reference / Pol.is) |")
print("| --- | --- | --- | --- |")
for name in sorted(os.listdir(data)):
    folder = f"{data}/{name}"
    if not os.path.isdir(folder):
        continue
    polis = {r["participant"]: r["group-id"] for r in csv.DictReader(open(f"{folder}/participants-votes.csv")) if r["group-id"] != ""}
    ours = {p["participant"]: p["group"] for p in json.load(open(f"{scratch}/{name}.json"))["points"]}
    theirs = reference(folder)
    def ari(groups):
        both = [p for p in groups if p in polis]
        return adjusted_rand_score([polis[p] for p in both], [groups[p] for p in both])
    print(f"| {name} | {ari(ours):.4f} | {ari(theirs):.4f} | {len(set(ours.values()))} / {len(set(theirs.values()))} / {len(set(polis.values()))} |")
PY
