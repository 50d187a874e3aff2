"""What the example-data scripts share: the example site built for a loopback collector, a real `collector serve` on
it with a chosen clock, and ballots written and signed as docs/BALLOT.md says, as the pages' script does."""

import base64
import json
import socket
import subprocess
import urllib.parse
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".build" / "debug"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def canonical(form, items, nonce, issued):
    """docs/BALLOT.md: five lines, items percent-encoded part by part and sorted."""
    encoded = sorted(":".join(urllib.parse.quote(part, safe="") for part in item) for item in items)
    return "\n".join(["ballot/v1", "form=" + urllib.parse.quote(form, safe=""), "choices=" + ",".join(encoded),
                      "nonce=" + b64url(nonce), "issued=" + issued])


class Participant:
    """One browser's key, made from 32 seed bytes so a seeded run makes the same keys."""

    def __init__(self, seed):
        self.key = Ed25519PrivateKey.from_private_bytes(seed)
        self.public = b64url(self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    def body(self, form, items, nonce, issued):
        text = canonical(form, items, nonce, issued)
        return {"form": form, "ballot": text, "public_key": self.public, "signature": b64url(self.key.sign(text.encode()))}


def free_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_site(folder, origin, clock):
    """The example site for a collector at `origin`, as of `clock`; returns its manifest."""
    subprocess.run([BIN / "sitegen", "build", "--content", REPO / "content", "--output", folder, "--no-search",
                    "--base-url", origin + "/", "--clock", clock], check=True, capture_output=True)
    return json.loads((folder / "ballots.json").read_text())


@contextmanager
def collector(site, db, port, clock):
    """`collector serve` on the built site's manifest, its clock set to `clock`; yields a function that posts a body."""
    origin = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([BIN / "collector", "serve", "--manifest", site / "ballots.json", "--db", db, "--port", str(port),
                                "--rate-limit", "0", "--collector-id", "example-data", "--clock", clock, "--log-level", "error"],
                               stdout=subprocess.PIPE, text=True)
    try:
        if "listening on" not in process.stdout.readline():
            raise RuntimeError("the collector did not start")

        def post(body):
            request = urllib.request.Request(origin + "/v1/submissions", data=json.dumps(body).encode(), method="POST",
                                             headers={"Content-Type": "application/json", "Origin": origin})
            with urllib.request.urlopen(request) as response:
                if response.status != 201:
                    raise RuntimeError(f"the collector answered {response.status}")
        yield post
    finally:
        process.terminate()
        process.wait()
