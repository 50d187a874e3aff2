"""Reading and checking a bundle folder's files (COUNTING.md sections 1, 3 and 7 step 1)."""
import hashlib
import json
import os
import re
import stat

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_der_public_key

from ballottext import b64url_decode, parse_time_text
import canon

HEX64 = re.compile(r"\A[0-9a-f]{64}\Z")
VERDICTS = ("valid", "unknown_form", "not_canonical", "bad_signature", "key_not_in_roll", "bad_credential", "outside_window",
            "issued_after_received", "breaks_rule", "superseded", "duplicate_identity")


class Refused(Exception):
    """The folder cannot be recounted; the message names the file (and line)."""


def _no_dupes(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise ValueError("member %r appears twice" % k)
        d[k] = v
    return d


def _no_constants(name):
    raise ValueError("%s is not a JSON number" % name)


# I-JSON (RFC 7493), as RFC 8785 asks: numbers every reader holds exactly, strings of Unicode scalars.
def _finite(token):
    value = float(token)
    if value in (float("inf"), float("-inf")):
        raise ValueError("%s is beyond what a double holds" % token)
    return value


def _exact(token):
    value = int(token)
    # Past 2^53 an integer in digits must be the double it reads as (1e20 written in digits is; 2^53 + 1 is not).
    if abs(value) > 2 ** 53 - 1 and canon.es_number(float(value)) != token:
        raise ValueError("%s is an integer beyond 2^53 - 1 that no double holds exactly" % token)
    return value


def _no_lone_surrogates(value):
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, list):
        for item in value:
            _no_lone_surrogates(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_lone_surrogates(key)
            _no_lone_surrogates(item)


def load_json(path, text=None, where=None):
    where = where or path
    try:
        if text is None:
            text = read_plain(path)
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        value = json.loads(text, object_pairs_hook=_no_dupes, parse_constant=_no_constants, parse_float=_finite,
                           parse_int=_exact)
        _no_lone_surrogates(value)
        return value
    except FileNotFoundError:
        raise Refused("%s: missing" % where)
    except UnicodeDecodeError as e:
        raise Refused("%s: not UTF-8 (%s)" % (where, e))
    except json.JSONDecodeError as e:
        raise Refused("%s: line %d column %d: not JSON: %s" % (where, e.lineno, e.colno, e.msg))
    except (ValueError, RecursionError) as e:
        raise Refused("%s: not acceptable JSON: %s" % (where, e))


def read_plain(path):
    """A file of the bundle itself: a link (which could lead out of it) or a pipe (which could hang) is refused."""
    if not stat.S_ISREG(os.lstat(path).st_mode):
        raise Refused("%s: not a plain file (a link or a pipe); a bundle holds its files themselves" % path)
    with open(path, "rb") as f:
        return f.read()


def sha256_file(path):
    return hashlib.sha256(read_plain(path)).hexdigest()


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def read_bundle_json(folder):
    p = os.path.join(folder, "bundle.json")
    b = load_json(p)
    if not isinstance(b, dict):
        raise Refused("%s: not a JSON object" % p)
    if b.get("format") != "audit/v4":
        raise Refused("%s: format is %s, a recount accepts only audit/v4" % (p, json.dumps(b.get("format"))))
    if not isinstance(b.get("form"), str) or not b["form"]:
        raise Refused("%s: form is not a string" % p)
    if not isinstance(b.get("counted_at"), str) or parse_time_text(b["counted_at"]) is None:
        raise Refused("%s: counted_at is not time text" % p)
    if b.get("revote") not in ("last", "first"):
        raise Refused("%s: revote is not \"last\" or \"first\"" % p)
    if not is_num(b.get("tolerance")) or b["tolerance"] < 0:
        raise Refused("%s: tolerance is not a number >= 0" % p)
    if "audit_url" in b and not isinstance(b["audit_url"], str):
        raise Refused("%s: audit_url is not a string" % p)
    if not isinstance(b.get("manifest_hash"), str) or not HEX64.match(b["manifest_hash"]):
        raise Refused("%s: manifest_hash is not 64 lowercase hex digits" % p)
    docs = b.get("documents")
    if not isinstance(docs, dict):
        raise Refused("%s: documents is not an object" % p)
    for need in ("AUDIT.md", "BALLOT.md", "COUNTING.md"):
        if need not in docs:
            raise Refused("%s: documents does not list %s" % (p, need))
    for name, h in docs.items():
        if not name or "/" in name or name.startswith(".") or "\\" in name or "\0" in name:
            raise Refused("%s: documents names %r, which is not a plain file name" % (p, name))
        fp = os.path.join(folder, name)
        if not os.path.isfile(fp):
            raise Refused("%s: listed in %s but missing" % (fp, p))
        if not isinstance(h, str) or sha256_file(fp) != h:
            raise Refused("%s: its SHA-256 is %s, %s lists %s" % (fp, sha256_file(fp), p, h))
    return b


def form_hash(form):
    f = dict(form)
    f["hash"] = ""
    return hashlib.sha256(canon.compact(f).encode("utf-8")).hexdigest()


def read_manifest(folder, bundle):
    p = os.path.join(folder, "manifest.json")
    m = load_json(p)
    if not isinstance(m, dict) or not isinstance(m.get("forms"), list):
        raise Refused("%s: not a manifest (no forms array)" % p)
    for i, f in enumerate(m["forms"]):
        if not isinstance(f, dict):
            raise Refused("%s: forms[%d] is not an object" % (p, i))
        h = form_hash(f)
        if f.get("hash") != h:
            raise Refused("%s: form %s has hash %s, section 3 computes %s" % (p, json.dumps(f.get("id")), f.get("hash"), h))
    mh = hashlib.sha256(canon.compact(m["forms"]).encode("utf-8")).hexdigest()
    if m.get("hash") != mh:
        raise Refused("%s: hash is %s, section 3 computes %s" % (p, m.get("hash"), mh))
    if mh != bundle["manifest_hash"]:
        raise Refused("%s: manifest_hash %s is not the manifest's hash %s" % (os.path.join(folder, "bundle.json"),
                                                                            bundle["manifest_hash"], mh))
    forms = [f for f in m["forms"] if f.get("id") == bundle["form"]]
    if len(forms) != 1:
        raise Refused("%s: %s form %s" % (p, "has no" if not forms else "repeats the", json.dumps(bundle["form"])))
    return forms[0]


def check_issuer_key(folder, form):
    """A credential form names its roll and an RSA issuer key of 2048 bits or more (the reference refuses the manifest
    otherwise, so no verdict is derived from it)."""
    p = os.path.join(folder, "manifest.json")
    if not isinstance(form.get("roll"), str):
        raise Refused("%s: form %s is voted with credentials but names no roll" % (p, form["id"]))
    der = b64url_decode(form.get("issuer_key"))
    try:
        key = load_der_public_key(der) if der is not None else None
    except (ValueError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < 2048:
        raise Refused("%s: form %s is voted with credentials but its issuer_key is not an RSA key of 2048 bits or more "
                      "in base64url" % (p, form["id"]))


def read_roll(folder, form):
    p = os.path.join(folder, "roll.txt")
    if not os.path.isfile(p):
        raise Refused("%s: missing, and form %s is a roll form (roll %s)" % (p, form["id"], form.get("roll")))
    data = read_plain(p)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("%s: not UTF-8" % p)
    lines = text.split("\n")
    if lines[0] != "roll/v1 %s" % form.get("roll"):
        raise Refused("%s: line 1 is %r, the form's roll needs 'roll/v1 %s'" % (p, lines[0], form.get("roll")))
    keys = set()
    prev = None
    for n, line in enumerate(lines[1:], start=2):
        k = b64url_decode(line)
        if len(line) != 43 or k is None or len(k) != 32:
            raise Refused("%s: line %d is not a 43-character base64url key%s" % (
                p, n, " (a final newline?)" if line == "" and n == len(lines) else ""))
        if prev is not None and not prev < line.encode():
            raise Refused("%s: line %d is not sorted after the line before it, or repeats it" % (p, n))
        prev = line.encode()
        keys.add(k)
    return keys


def read_ballots(folder):
    p = os.path.join(folder, "ballots.jsonl")
    try:
        data = read_plain(p)
    except FileNotFoundError:
        raise Refused("%s: missing" % p)
    if not data:
        raise Refused("%s: empty; a bundle lists every ballot of its form" % p)
    if not data.endswith(b"\n"):
        raise Refused("%s: line %d does not end in \\n" % (p, data.count(b"\n") + 1))
    rows = []
    seen = set()
    prev = None
    for n, line in enumerate(data.split(b"\n")[:-1], start=1):
        where = "%s: line %d" % (p, n)
        row = load_json(p, line, where)
        if not isinstance(row, dict):
            raise Refused("%s: not a JSON object" % where)
        # Section 1: a member written null counts as absent.
        for m in [m for m, v in row.items() if v is None]:
            del row[m]
        for m in ("receipt", "ballot", "public_key", "signature", "received_at", "verdict"):
            if not isinstance(row.get(m), str):
                raise Refused("%s: member %s is %s" % (where, m, "missing" if m not in row else "not a string"))
        if row["verdict"] not in VERDICTS:
            raise Refused("%s: verdict %s is not a verdict of section 4.1" % (where, json.dumps(row["verdict"])))
        if "also_received" in row and not (isinstance(row["also_received"], list)
                                           and all(isinstance(x, str) for x in row["also_received"])):
            raise Refused("%s: also_received is not a list of strings" % where)
        for m in ("identity_digest", "identity_refused"):
            if m in row and not isinstance(row[m], str):
                raise Refused("%s: %s is not a string" % (where, m))
        if row["receipt"] in seen:
            raise Refused("%s: receipt %s repeats an earlier line's" % (where, row["receipt"]))
        seen.add(row["receipt"])
        r = row["receipt"].encode("utf-8")
        if prev is not None and not prev < r:
            raise Refused("%s: receipt %s is not after the previous line's (lines are sorted by receipt)"
                          % (where, row["receipt"]))
        prev = r
        rows.append((n, row))
    return rows
