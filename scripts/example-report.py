"""Makes the example site's weekly participation report of the open-source fund
(content/_reports/open-source-weekly/) the way a real one is made: simulated participants support needs, week after
week, through a real `collector serve` whose clock is set to each week in turn; a few send a second ballot (the
later one counts) or a broken signature (set aside); then `collector report --by week` reads the database.

Usage (after `swift build`): python3 scripts/example-report.py
Needs the Python package `cryptography` (installed by `scripts/install-deps.sh --test`)."""

import base64
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from example_data import BIN, REPO, Participant, b64url, build_site, collector, free_port

FORM = "open-source/needs/supports"
# Mondays at noon of the weeks simulated, and how many people supported needs that week.
WEEKS = [("2026-09-14", 40), ("2026-09-21", 95), ("2026-09-28", 160), ("2026-10-05", 130), ("2026-10-12", 210),
         ("2026-10-19", 180), ("2026-10-26", 150), ("2026-11-02", 120), ("2026-11-09", 260), ("2026-11-16", 140),
         ("2026-11-23", 3)]
OUT = REPO / "content" / "_reports" / "open-source-weekly"


def broken(signature):
    """The same signature with one bit flipped: well formed, so the collector stores it, but it does not verify."""
    raw = bytearray(base64.urlsafe_b64decode(signature + "=="))
    raw[0] ^= 1
    return b64url(bytes(raw))


def main():
    random.seed(20261123)
    work = Path(tempfile.mkdtemp(prefix="example-report-"))
    try:
        site, db = work / "site", work / "c.sqlite"
        port = free_port()
        manifest = build_site(site, f"http://127.0.0.1:{port}", WEEKS[-1][0] + "T12:00:00Z")
        form = next(f for f in manifest["forms"] if f["id"] == FORM)
        needs = [option["id"] for option in form["options"]]
        limit = form["constraints"].get("supports_per_participant", 3)
        sent = 0
        for monday, people in WEEKS:
            clock = monday + "T12:00:00Z"
            with collector(site, db, port, clock) as post:
                for _ in range(people):
                    participant = Participant(random.randbytes(32))
                    choices = [[need] for need in random.sample(needs, random.randint(1, limit))]
                    body = participant.body(FORM, choices, random.randbytes(16), clock)
                    if random.random() < 0.03:
                        body["signature"] = broken(body["signature"])
                    post(body)
                    sent += 1
                    if random.random() < 0.05:  # changes their mind: the later ballot counts, the first is set aside
                        post(participant.body(FORM, [[random.choice(needs)]], random.randbytes(16), clock))
                        sent += 1
        if OUT.exists():
            shutil.rmtree(OUT)
        run = subprocess.run([BIN / "collector", "report", "--db", db, "--manifest", site / "ballots.json", "--by", "week",
                              "--from", WEEKS[0][0], "--to", "2026-11-30", "--out", OUT], capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(run.stderr)
        print(f"{sent} submissions over {len(WEEKS)} weeks; " + run.stdout.strip())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
