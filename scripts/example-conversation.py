"""Makes the example site's opinion map (content/_results/schools-conversation-opinions.json) the way a real one is
made: simulated participants react to the school-district conversation's statements one at a time, each reaction a
ballot signed with the participant's own Ed25519 key and posted to a real `collector serve`; then `collector tally`
counts the database. The participants are drawn from three made-up outlooks, with a fixed seed, so the same run gives
the same file.

Usage (after `swift build`): python3 scripts/example-conversation.py [--participants 240]
Needs the Python package `cryptography` (installed by `scripts/install-deps.sh --test`)."""

import argparse
import base64
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".build" / "debug"
FORM = "schools/conversation/opinions"
CLOCK = "2026-11-26T12:00:00Z"  # the example's day (scripts/example.sh), inside the conversation's window
RESULT = REPO / "content" / "_results" / "schools-conversation-opinions.json"

# Chance to agree with statements s1…s12 for each outlook; disagree otherwise, except a fixed share of passes.
OUTLOOKS = {
    "care first": [0.9, 0.2, 0.85, 0.7, 0.8, 0.9, 0.6, 0.3, 0.4, 0.5, 0.95, 0.3],
    "secure buildings": [0.2, 0.9, 0.4, 0.3, 0.1, 0.6, 0.9, 0.8, 0.9, 0.3, 0.8, 0.95],
    "the way to school": [0.6, 0.5, 0.6, 0.2, 0.5, 0.7, 0.7, 0.5, 0.5, 0.95, 0.85, 0.5],
}
WEIGHTS = [0.45, 0.35, 0.2]
PASS = 0.1


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def canonical(items, nonce, issued):
    """docs/BALLOT.md: five lines, items percent-encoded part by part and sorted."""
    encoded = sorted(":".join(urllib.parse.quote(part, safe="") for part in item) for item in items)
    return "\n".join(["ballot/v1", "form=" + urllib.parse.quote(FORM, safe=""), "choices=" + ",".join(encoded),
                      "nonce=" + b64url(nonce), "issued=" + issued])


def free_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(url, origin, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Origin": origin})
    with urllib.request.urlopen(request) as response:
        if response.status != 201:
            raise RuntimeError(f"the collector answered {response.status}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=240)
    args = parser.parse_args()
    random.seed(20261126)
    work = Path(tempfile.mkdtemp(prefix="example-conversation-"))
    try:
        site, db, results = work / "site", work / "c.sqlite", work / "results"
        port = free_port()
        origin = f"http://127.0.0.1:{port}"
        subprocess.run([BIN / "sitegen", "build", "--content", REPO / "content", "--output", site, "--no-search",
                        "--base-url", origin + "/", "--clock", CLOCK], check=True, capture_output=True)
        manifest = json.loads((site / "ballots.json").read_text())
        statements = [option["id"] for form in manifest["forms"] if form["id"] == FORM for option in form["options"]]
        collector = subprocess.Popen([BIN / "collector", "serve", "--manifest", site / "ballots.json", "--db", db,
                                      "--port", str(port), "--rate-limit", "0", "--collector-id", "example-conversation",
                                      "--clock", CLOCK, "--log-level", "warning"], stdout=subprocess.PIPE, text=True)
        try:
            if "listening on" not in collector.stdout.readline():
                raise RuntimeError("the collector did not start")
            issued = CLOCK
            sent = 0
            for _ in range(args.participants):
                outlook = random.choices(list(OUTLOOKS.values()), weights=WEIGHTS)[0]
                key = Ed25519PrivateKey.from_private_bytes(random.randbytes(32))
                public = b64url(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
                seen = random.sample(range(len(statements)), random.randint(7, len(statements)))
                for index in seen:
                    stance = "pass" if random.random() < PASS else "agree" if random.random() < outlook[index] else "disagree"
                    text = canonical([[statements[index], stance]], random.randbytes(16), issued)
                    signature = key.sign(text.encode())
                    post(origin + "/v1/submissions", origin,
                         {"form": FORM, "ballot": text, "public_key": public, "signature": b64url(signature)})
                    sent += 1
        finally:
            collector.terminate()
            collector.wait()
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
