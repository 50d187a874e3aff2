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
for roll in $(python3 -c 'import json; print(" ".join(sorted({f["roll"] for f in json.load(open("public/ballots.json"))["forms"] if f["eligibility"] == "roll"})))'); do
  [ -s ".data/credentials/$roll/roll.txt" ] ||
    .build/debug/collector credentials --roll "$roll" --count 20 --out ".data/credentials/$roll" --manifest public/ballots.json >/dev/null
  roll_args+=(--roll ".data/credentials/$roll/roll.txt")
done
# Voting cards of adults-fr, which its issuer takes (--codes) for those who cannot log in at the provider.
[ -s .data/credentials/adults-fr/roll.txt ] ||
  .build/debug/collector credentials --roll adults-fr --count 20 --out .data/credentials/adults-fr --manifest public/ballots.json >/dev/null
# The petitions are signed with credentials of the roll adults-fr (content/site.yaml, docs/ISSUER.md). A demo OpenID
# Connect provider stands in for FranceConnect on port 8082, with a few people to log in as; the roll's issuer runs on
# port 8081, the address site.yaml gives, with the demo keys whose public halves site.yaml publishes. The demo provider
# gives names and birthdates under the scope `profile` only; FranceConnect's are in docs/ISSUER.md.
mkdir -p .data/issuer
install -m 600 scripts/example-issuer.pem .data/issuer/issuer.pem
install -m 600 scripts/example-filing.pem .data/issuer/filing.pem
[ -s .data/issuer/client-secret ] || (umask 077 && echo example-client-secret > .data/issuer/client-secret)
# The three services stop together: on Ctrl-C, on a kill of this script, or when one of them stops.
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
.venv/bin/oidc-provider-mock --host 127.0.0.1 --port 8082 \
  --user-claims '{"sub": "adult-1", "birthdate": "1990-04-02", "given_name": "Camille", "family_name": "Martin"}' \
  --user-claims '{"sub": "adult-2", "birthdate": "1958-11-30", "given_name": "Karim", "family_name": "Haddad"}' \
  --user-claims '{"sub": "adult-3", "birthdate": "2006-01-15", "given_name": "Léa", "family_name": "Nguyen"}' \
  --user-claims '{"sub": "minor-1", "birthdate": "2012-05-01", "given_name": "Tom", "family_name": "Petit"}' \
  > .data/issuer/provider.log 2>&1 &
pids+=($!)
# The issuer reads the provider's discovery document as it starts: wait until the provider answers.
python3 -c 'import time, urllib.request
for _ in range(150):
    try: urllib.request.urlopen("http://127.0.0.1:8082/.well-known/openid-configuration", timeout=1); break
    except OSError: time.sleep(0.2)'
.build/debug/collector issuer serve --roll adults-fr --key .data/issuer/issuer.pem --db .data/issuer/issuer.sqlite \
  --discovery http://127.0.0.1:8082/.well-known/openid-configuration --client-id consult-example \
  --client-secret-file .data/issuer/client-secret --codes .data/credentials/adults-fr/roll.txt \
  --public-url http://127.0.0.1:8081 --site "http://127.0.0.1:$port" \
  --scope "openid profile" --filing-key .data/issuer/filing.pem --filing-scope "openid profile" --min-age 18 \
  --host 127.0.0.1 --port 8081 > .data/issuer/issuer.log 2>&1 &
pids+=($!)
echo "voting codes to try the ballots with: .data/credentials/<roll>/codes.html"
echo "petitions: get a credential at the demo identity provider as adult-1, adult-2 or adult-3 (minor-1 is refused),"
echo "  or with a voting card of .data/credentials/adults-fr/codes.html"
echo "example site built in public/; collector storing into .data/collector.sqlite"
echo "open http://127.0.0.1:$port/"
.build/debug/collector serve --manifest public/ballots.json --db .data/collector.sqlite --site public \
  --port "$port" --collector-id example-kiosk "${clock_args[@]}" "${roll_args[@]}" &
pids+=($!)
wait -n "${pids[@]}"
