"""Makes the example site's opinion map (content/_results/schools/conversation/opinions.json) the way a real one is
made: simulated participants react to the school-district conversation's statements one at a time, each reaction a
ballot signed with the participant's own Ed25519 key and posted to a real `collector serve`; then `collector tally`
counts the database. The participants are drawn from three made-up outlooks, with a fixed seed, so the same run gives
the same file.

Usage (after `swift build`): python3 scripts/example-conversation.py [--participants 240]
Needs the Python package `cryptography` (installed by `scripts/install-deps.sh --test`)."""

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from example_data import BIN, REPO, Participant, build_site, collector, free_port

FORM = "schools/conversation/opinions"
CLOCK = "2026-11-26T12:00:00Z"  # the example's day (scripts/example.sh), inside the conversation's window
RESULT = REPO / "content" / "_results" / "schools" / "conversation" / "opinions.json"

# Chance to agree with statements s1…s12 for each outlook; disagree otherwise, except a fixed share of passes.
OUTLOOKS = {
    "care first": [0.9, 0.2, 0.85, 0.7, 0.8, 0.9, 0.6, 0.3, 0.4, 0.5, 0.95, 0.3],
    "secure buildings": [0.2, 0.9, 0.4, 0.3, 0.1, 0.6, 0.9, 0.8, 0.9, 0.3, 0.8, 0.95],
    "the way to school": [0.6, 0.5, 0.6, 0.2, 0.5, 0.7, 0.7, 0.5, 0.5, 0.95, 0.85, 0.5],
}
WEIGHTS = [0.45, 0.35, 0.2]
PASS = 0.1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=240)
    args = parser.parse_args()
    random.seed(20261126)
    work = Path(tempfile.mkdtemp(prefix="example-conversation-"))
    try:
        site, db, results = work / "site", work / "c.sqlite", work / "results"
        port = free_port()
        manifest = build_site(site, f"http://127.0.0.1:{port}", CLOCK)
        statements = [option["id"] for form in manifest["forms"] if form["id"] == FORM for option in form["options"]]
        sent = 0
        with collector(site, db, port, CLOCK) as post:
            for _ in range(args.participants):
                outlook = random.choices(list(OUTLOOKS.values()), weights=WEIGHTS)[0]
                participant = Participant(random.randbytes(32))
                for index in random.sample(range(len(statements)), random.randint(7, len(statements))):
                    stance = "pass" if random.random() < PASS else "agree" if random.random() < outlook[index] else "disagree"
                    post(participant.body(FORM, [[statements[index], stance]], random.randbytes(16), CLOCK))
                    sent += 1
        subprocess.run([BIN / "collector", "tally", "--db", db, "--manifest", site / "ballots.json", "--out", results,
                        "--counted-at", CLOCK], check=True, capture_output=True)
        written = [path for path in results.rglob("*.json") if json.loads(path.read_text()).get("form") == FORM]
        if not written:
            raise RuntimeError(f"collector tally wrote no result for {FORM}")
        RESULT.write_text(re.sub(r"[ \t]+\n", "\n", written[0].read_text()))
        groups = json.loads(RESULT.read_text()).get("opinion_map", {}).get("groups", [])
        print(f"{sent} reactions of {args.participants} participants; {len(groups)} opinion groups; wrote {RESULT.relative_to(REPO)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
