#!/usr/bin/env bash
# Compares a cold `sitegen build` with a cold `hugo` build of the same generated site, then measures how
# fast `sitegen serve` re-renders one edited page.
#
#   Benchmarks/build-vs-hugo.sh [N]        N pages per language (default 10000), 4 languages
#
# Environment: SITEGEN (binary to test; default .build/release/sitegen, else a release build made in
# .build-bench, never in .build, which the main working tree owns), RUNS (default 3), SERVE_RUNS (default 5),
# SKIP_SERVE=1 to skip the incremental measurement, THEME=<folder> to pin sitegen's theme (e.g. a copy of
# themes/default, so edits in progress there cannot break a long run).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${1:-10000}
RUNS=${RUNS:-3}
SERVE_RUNS=${SERVE_RUNS:-5}
SITE="$ROOT/.bench/site-$N"         # .bench/ is git-ignored scratch space
OUT="$SITE/out"
PORT=18313
THEME_ARGS=(); [[ -n "${THEME:-}" ]] && THEME_ARGS=(--theme "$(cd "$THEME" && pwd)")

# --- the binary -----------------------------------------------------------------------------------------
if [[ -z "${SITEGEN:-}" ]]; then
  SITEGEN="$ROOT/.build/release/sitegen"
  if [[ ! -x "$SITEGEN" ]]; then
    # A separate scratch path so this never races the other build in .build. Incremental, so a no-op
    # when up to date; the first release build takes up to ~10 minutes on 2 cores.
    echo "building sitegen (release) in .build-bench ..." >&2
    swift build -c release --product sitegen --scratch-path "$ROOT/.build-bench" >&2
    SITEGEN="$ROOT/.build-bench/release/sitegen"
  fi
fi
command -v hugo >/dev/null || { echo "hugo not found (apt-get install -y hugo)" >&2; exit 1; }
# Hugo builds no search index, so sitegen runs with --no-search.

# --- the site -------------------------------------------------------------------------------------------
# Generation is deterministic, so a site is reused until the generator changes; Hugo's config and
# templates are refreshed every time, so editing them needs no regeneration.
STAMP="$SITE/.generated"
if [[ ! -f "$STAMP" || "$ROOT/Benchmarks/gen_site.py" -nt "$STAMP" ]]; then
  rm -f "$STAMP"
  python3 "$ROOT/Benchmarks/gen_site.py" "$N" "$SITE"
  touch "$STAMP"
fi
rm -rf "$SITE/hugo/layouts" "$SITE/hugo/i18n" "$SITE/hugo/assets"
cp -r "$ROOT/Benchmarks/hugo-site/." "$SITE/hugo/"
mkdir -p "$OUT"

now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# One cold run of "$@" writing into $2 (fresh each time); appends "wall user sys" seconds to the file $1.
# Output is discarded, but on failure the tool's own messages are shown.
time_once() {
  local log=$1 dest=$2; shift 2
  local TIMEFORMAT='%R %U %S' timing
  rm -rf "$dest" "$SITE/hugo/resources"   # cold: no previous output, no Hugo resource cache
  if ! timing=$( { time "$@" >"$OUT/last.log" 2>&1; } 2>&1 ); then
    echo "FAILED: $*" >&2; tail -n 20 "$OUT/last.log" >&2; return 1
  fi
  echo "$timing" >>"$log"
}

# "tool: wall (cpu) pages" from the medians of a times file. CPU time (user + sys) is the steadier
# number when the machine is shared.
report() {  # tool, times file, output folder
  local wall cpu
  wall=$(awk '{ print $1 }' "$2" | median); cpu=$(awk '{ print $2 + $3 }' "$2" | median)
  printf '%-8s %7.2f s  (cpu %6.2f s)  %6d pages\n' "$1:" "$wall" "$cpu" "$(find "$3" -name index.html | wc -l)"
}

echo "site: $N pages x 4 languages ($SITE), $RUNS cold runs each, median; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The tools take turns, so a burst of load from elsewhere hits both rather than skewing the ratio.
: >"$OUT/times-sitegen"; : >"$OUT/times-hugo"
sg_ok=1; hugo_ok=1
for ((run = 1; run <= RUNS; run++)); do
  ((sg_ok)) && { time_once "$OUT/times-sitegen" "$OUT/public-sitegen" \
    "$SITEGEN" build --no-search "${THEME_ARGS[@]}" --content "$SITE/sitegen/content" --output "$OUT/public-sitegen" || sg_ok=0; }
  # --ignoreCache and no --gc/--cleanDestinationDir: a plain cold build, like sitegen's.
  ((hugo_ok)) && { time_once "$OUT/times-hugo" "$OUT/public-hugo" \
    hugo --quiet --ignoreCache --source "$SITE/hugo" --destination "$OUT/public-hugo" || hugo_ok=0; }
done
((sg_ok)) && report sitegen "$OUT/times-sitegen" "$OUT/public-sitegen"
((hugo_ok)) && report hugo "$OUT/times-hugo" "$OUT/public-hugo"
if ((sg_ok && hugo_ok)); then
  paste <(awk '{ print $1 }' "$OUT/times-sitegen" | median) <(awk '{ print $1 }' "$OUT/times-hugo" | median) |
    awk '{ printf "ratio sitegen/hugo: %.2f (target <= 1.0)\n", $1 / $2 }'
fi
status=$((sg_ok && hugo_ok ? 0 : 1))

# --- incremental: one edited page under `sitegen serve` -------------------------------------------------
[[ "${SKIP_SERVE:-}" == 1 ]] && exit "$status"
# serve keeps running after a failed first build, waiting for a fix, so there would be nothing to time.
((sg_ok)) || { echo "serve: skipped, the sitegen build fails"; exit 1; }
SOURCE="$SITE/sitegen/content/sec-1/page-0.en.md"
ORIGINAL="$OUT/page-0.en.md.orig"
[[ -f "$ORIGINAL" ]] && cp "$ORIGINAL" "$SOURCE"   # a previous run was killed before it could undo its edits
cp "$SOURCE" "$ORIGINAL"
"$SITEGEN" serve "${THEME_ARGS[@]}" --content "$SITE/sitegen/content" --port "$PORT" >"$OUT/serve.log" 2>&1 &
SERVER=$!
# Put the page back so the site stays what the generator made, whatever happens below.
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; mv "$ORIGINAL" "$SOURCE"' EXIT

# Waits until the served page contains $1; prints ms elapsed since $3 (ns, default now), or fails after $2 s.
wait_for() {
  local marker=$1 start=${3:-$(now_ns)}
  local limit=$(( start + $2 * 1000000000 ))
  until grep -qF -- "$marker" "$TARGET" 2>/dev/null; do
    kill -0 "$SERVER" 2>/dev/null || { echo "serve exited; its log:" >&2; tail -n 20 "$OUT/serve.log" >&2; return 1; }
    (( $(now_ns) < limit )) || { echo "timed out after $2 s waiting for the re-render" >&2; return 1; }
    sleep 0.01
  done
  echo $(( ($(now_ns) - start) / 1000000 ))
}
edit() { printf '\n%s\n' "$1" >>"$SOURCE"; }

# serve builds into a scratch folder of its own, which it names as it starts.
for ((try = 1; ; try++)); do
  PREVIEW=$(sed -n 's/^building the preview into //p' "$OUT/serve.log" 2>/dev/null)
  [[ -n "$PREVIEW" ]] && break
  kill -0 "$SERVER" 2>/dev/null || { tail -n 20 "$OUT/serve.log" >&2; exit 1; }
  (( try < 600 )) || { echo "serve did not say where it builds after 60 s" >&2; exit 1; }
  sleep 0.1
done
TARGET="$PREVIEW/en/sec-1/page-0/index.html"

# Wait for the first build and for the server to answer.
wait_for "<html" 900 >/dev/null || exit 1
for ((try = 1; ; try++)); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
  kill -0 "$SERVER" 2>/dev/null || { tail -n 20 "$OUT/serve.log" >&2; exit 1; }
  (( try < 600 )) || { echo "serve: http://127.0.0.1:$PORT/ does not answer 200 after 60 s" >&2; exit 1; }
  sleep 0.1
done
# The file watcher takes its baseline in the background, and an edit made before that goes unseen; so
# edit, unmeasured, until one shows up in the output: from then on the watcher is known to be live.
for ((try = 1; ; try++)); do
  edit "Warm-up edit $try."
  wait_for "Warm-up edit" 3 >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { echo "serve exited; its log:" >&2; tail -n 20 "$OUT/serve.log" >&2; exit 1; }
  (( try < 20 )) || { echo "serve: edits are never re-rendered (file watcher or incremental rebuild not working?)"; exit 1; }
done

times=()
for ((i = 1; i <= SERVE_RUNS; i++)); do
  sleep 0.5   # let the watcher settle so each run measures one change on its own
  marker="Benchmark edit $i $(now_ns)."
  t0=$(now_ns)
  edit "$marker"
  ms=$(wait_for "$marker" 60 "$t0") || exit 1
  times+=("$ms")
done
printf 'serve: one changed file re-rendered in %s ms (target < 200 ms)  [runs: %s]\n' \
  "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
exit "$status"
