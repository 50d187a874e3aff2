#!/usr/bin/env bash
# Builds the example content into public/ and runs a collector that serves it and receives its forms on one
# origin (the kiosk mode), storing submissions in SQLite; prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Pagefind (site search) is in the repository's venv, which install-deps.sh made.
. scripts/python-env.sh
swift build --product sitegen
swift build --product collector
port="${PORT:-8080}"
# The example consultation as it stands on the day its calendar is written around, so its votes are open in any
# month; CLOCK= (empty) runs it on the real date.
clock="${CLOCK-2026-11-26T12:00:00Z}"
clock_args=()
[ -n "$clock" ] && clock_args=(--clock "$clock")
# The kiosk's origin is the site's base URL and its collector, so the forms post to the port it serves and the
# links back from the collector's answers stay on it.
.build/debug/sitegen build --content content --output public --base-url "http://127.0.0.1:$port/" \
  --collector-url "http://127.0.0.1:$port/" "${clock_args[@]}"
mkdir -p .data
# Voting codes for each roll the example's ballots name, made once: the collector takes only codes on their roll
# (--roll), and the printable cards in .data/credentials/ROLL/codes.html are the codes to try the ballots with.
roll_args=()
for roll in $(python3 -c 'import json; print(" ".join(sorted({f["roll"] for f in json.load(open("public/ballots.json"))["forms"] if f.get("roll")})))'); do
  [ -s ".data/credentials/$roll/roll.txt" ] ||
    .build/debug/collector credentials --roll "$roll" --count 20 --out ".data/credentials/$roll" --manifest public/ballots.json >/dev/null
  roll_args+=(--roll ".data/credentials/$roll/roll.txt")
done
echo "voting codes to try the ballots with: .data/credentials/<roll>/codes.html"
echo "example site built in public/; collector storing into .data/collector.sqlite"
echo "open http://127.0.0.1:$port/"
exec .build/debug/collector serve --manifest public/ballots.json --db .data/collector.sqlite --site public \
  --port "$port" --collector-id example-kiosk "${clock_args[@]}" "${roll_args[@]}"
