"""Per-ballot verdicts (COUNTING.md 4.2, 4.3) and one ballot per participant (4.5)."""
import hashlib
import re

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_der_public_key

from ballottext import NotCanonical, b64url_decode, b64url_encode, parse_arrival, parse_ballot, parse_time_text, since_2001
import rules

HEX64 = re.compile(r"\A[0-9a-f]{64}\Z")
PASSED_ARRIVAL = ("valid", "breaks_rule", "superseded", "duplicate_identity")


class Ballot:
    """One line of ballots.jsonl with what the checks derive."""

    def __init__(self, lineno, row):
        self.lineno = lineno
        self.row = row
        self.receipt = row["receipt"]
        self.written = row["verdict"]
        self.verdict = None
        self.items = None
        self.issued = None
        self.key = None
        self.arrival = None
        self.refusal = None


def credential_holds(form, key, credential):
    """4.2 step 8: a credential form's ballot carries the issuer's RSA-PSS signature (SHA-384, MGF1-SHA-384, 48-byte
    salt) on its 32 random bytes, the label and the key; any other form's carries none."""
    if form.get("eligibility") != "credential":
        return credential is None
    if credential is None:
        return False
    message = credential[:32] + b"credential/v1\n" + b64url_encode(key).encode("ascii")
    try:
        issuer_key = load_der_public_key(b64url_decode(form["issuer_key"]))
        issuer_key.verify(credential[32:], message, padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48), hashes.SHA384())
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False
    return True


def tolerance_seconds(tol):
    # COUNTING.md 4.3: the binary64 value of `tolerance`
    return float(tol)


def per_ballot(b, form, roll_keys, tol):
    """Steps 2 to 12 of 4.2; sets b.verdict (provisionally 'valid')."""
    row = b.row
    try:
        form_id, items, issued, credential = parse_ballot(row["ballot"])
    except NotCanonical as e:
        b.verdict, b.refusal = "not_canonical", str(e)
        return
    b.items, b.issued = items, issued
    if form_id != form["id"]:
        b.verdict = "not_canonical"
        return
    key = b64url_decode(row["public_key"])
    if key is None or len(key) != 32:
        b.verdict = "bad_signature"
        return
    sig = b64url_decode(row["signature"])
    if sig is None or len(sig) != 64:
        b.verdict = "bad_signature"
        return
    if row["receipt"] != hashlib.sha256(sig).hexdigest():
        b.verdict = "bad_signature"
        return
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(sig, row["ballot"].encode("utf-8", "surrogatepass"))
    except (InvalidSignature, ValueError):
        b.verdict = "bad_signature"
        return
    b.key = key
    if form.get("eligibility") == "roll" and key not in roll_keys:
        b.verdict = "key_not_in_roll"
        return
    if not credential_holds(form, key, credential):
        b.verdict = "bad_credential"
        return
    # 4.3 arrival
    texts = [row["received_at"]] + list(row.get("also_received") or [])
    times = [t for t in (parse_arrival(x) for x in texts) if t is not None]
    if not times:
        b.verdict = "outside_window"
        return
    possible = [t for t in times if t + tol >= since_2001(issued)]
    if not possible:
        b.verdict = "issued_after_received"
        return
    opens = since_2001(parse_time_text(form["opens"])) if form.get("opens") is not None else None
    closes = since_2001(parse_time_text(form["closes"])) if form.get("closes") is not None else None

    def is_open(t):
        return not (opens is not None and t < opens - tol) and not (closes is not None and t >= closes + tol)

    inside = [t for t in possible if is_open(t)]
    if not inside:
        b.verdict = "outside_window"
        return
    b.arrival = min(inside)
    r = rules.check(form, items)
    if r is not None:
        b.verdict, b.refusal = "breaks_rule", r
        return
    if form.get("eligibility") == "open" and "identity_refused" in row:
        b.verdict = "breaks_rule"
        return
    b.verdict = "valid"


def one_per_participant(ballots, form, revote):
    """4.5, on the provisionally valid ballots."""
    option_index = {}
    for i, o in enumerate(form.get("options") or []):
        option_index.setdefault(o.get("id"), i)
    opinion = form.get("kind") == "opinion"

    def order(b):
        return (b.issued, bytes.fromhex(b.receipt))

    def pick(group):
        return max(group, key=order) if revote == "last" else min(group, key=order)

    groups = {}
    for b in ballots:
        if b.verdict != "valid":
            continue
        s = option_index.get(b.items[0][0]) if opinion else 0
        groups.setdefault((b.key, s), []).append(b)
    for g in groups.values():
        if len(g) > 1:
            w = pick(g)
            for b in g:
                if b is not w:
                    b.verdict = "superseded"
                    b.instead = w.receipt
    if form.get("eligibility") == "open":
        digests = {}
        for b in ballots:
            d = b.row.get("identity_digest")
            if b.verdict == "valid" and isinstance(d, str) and HEX64.match(d):
                digests.setdefault(d, []).append(b)
        for g in digests.values():
            if len(g) > 1:
                w = pick(g)
                for b in g:
                    if b is not w:
                        b.verdict = "duplicate_identity"
                        b.instead = w.receipt
