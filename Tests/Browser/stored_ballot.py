"""Checks a row of the collector's SQLite file against docs/BALLOT.md, by other code than the page's script and the
collector: the canonical ballot's five lines for its form, the Ed25519 signature over them, and the receipt."""

import base64
import hashlib
import re
import urllib.parse

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

NONCE = re.compile(r"^nonce=[A-Za-z0-9_-]{22}$")
ISSUED = re.compile(r"^issued=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def percent_encode(text):
    # Python's quote keeps exactly BALLOT.md's unreserved bytes (A-Z a-z 0-9 - _ . ~) and writes uppercase hex.
    return urllib.parse.quote(text, safe="")


def from_base64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def problems(row, form_id):
    """What is wrong with `row` (a dict of the submissions table) as a signed ballot of `form_id`; empty when nothing."""
    found = []
    lines = row["ballot"].split("\n")
    if len(lines) != 5:
        return [f"the ballot has {len(lines)} lines, not 5: {row['ballot']!r}"]
    if lines[0] != "ballot/v1":
        found.append(f"first line {lines[0]!r}")
    if lines[1] != "form=" + percent_encode(form_id):
        found.append(f"form line {lines[1]!r} for {form_id}")
    items = lines[2].removeprefix("choices=").split(",") if lines[2] != "choices=" else []
    if not lines[2].startswith("choices=") or items != sorted(set(items), key=lambda item: item.encode()):
        found.append(f"choices not sorted and unique: {lines[2]!r}")
    if not NONCE.match(lines[3]):
        found.append(f"nonce line {lines[3]!r}")
    if not ISSUED.match(lines[4]):
        found.append(f"issued line {lines[4]!r}")
    signature = from_base64url(row["signature"])
    try:
        Ed25519PublicKey.from_public_bytes(from_base64url(row["public_key"])).verify(signature, row["ballot"].encode())
    except (InvalidSignature, ValueError) as error:
        found.append(f"the signature does not verify with the row's public key ({type(error).__name__})")
    if hashlib.sha256(signature).hexdigest() != row["receipt"]:
        found.append("the receipt is not the SHA-256 of the signature")
    return found


def spellings(code):
    """The ways a voting code could appear in a body or a row: as typed (grouped), and without its hyphens."""
    return {code, code.replace("-", ""), code.replace("-", "")[:24]}
