"""The collectors' receipt logs a whole bundle carries (COUNTING.md section 8): their roots, the heads their
collectors signed, and that they and the forms' ballots hold the same receipts."""
import hashlib
import json
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ballottext import NotCanonical, b64url_decode, parse_ballot, parse_time_text
import bundlefiles
import canon
from bundlefiles import Refused

HEAD_DOMAIN = b"consultation-tree-head-v1\n"


def leaf(entry):
    cid = entry["collector_id"].encode("utf-8")
    return (b"\x02" + entry["index"].to_bytes(8, "big") + entry["received_ms"].to_bytes(8, "big")
            + bytes.fromhex(entry["receipt"]) + bytes.fromhex(entry["content"]) + len(cid).to_bytes(2, "big") + cid)


def content(public_key, ballot):
    """SHA-256 of the key's text, a line feed and the ballot's text, as a log entry holds it (lowercase hex)."""
    return hashlib.sha256((public_key + "\n" + ballot).encode("utf-8")).hexdigest()


def is_hex64(x):
    return isinstance(x, str) and len(x) == 64 and all(c in "0123456789abcdef" for c in x)


def root(leaves):
    """RFC 9162 section 2.1.1: the Merkle Tree Hash of the leaf hashes."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + root(leaves[:k]) + root(leaves[k:])).digest()


def is_count(x):
    return type(x) is int and 0 <= x < 2 ** 64


def entry_of(line, where, position):
    e = bundlefiles.load_json(where, text=line, where=where)
    ok = (isinstance(e, dict) and set(e) == {"collector_id", "content", "index", "received_ms", "receipt"}
          and isinstance(e["collector_id"], str) and 1 <= len(e["collector_id"].encode("utf-8")) <= 65535
          and is_count(e["index"]) and e["index"] == position and is_count(e["received_ms"])
          and is_hex64(e["receipt"]) and is_hex64(e["content"])
          and canon.compact(e).encode("utf-8") == line)
    if not ok:
        raise Refused("%s: not the log entry at index %d, as canonical JSON" % (where, position))
    return e


def is_head(h):
    return (isinstance(h, dict) and set(h) == {"collector_id", "root_hash", "signature", "timestamp_ms", "tree_size"}
            and isinstance(h["collector_id"], str) and 1 <= len(h["collector_id"].encode("utf-8")) <= 65535
            and is_count(h["tree_size"]) and is_count(h["timestamp_ms"])
            and isinstance(h["root_hash"], str) and len(h["root_hash"]) == 64 and all(c in "0123456789abcdef" for c in h["root_hash"])
            and b64url_decode(h["signature"]) is not None and len(b64url_decode(h["signature"])) == 64)


def head_problem(h, key, leaves, roots):
    """Why head `h` is not `key`'s signed word for the first tree_size of `leaves`, or None. The signature is checked
    first, so only heads the key signed cost a root; `roots` keeps those worked out."""
    cid = h["collector_id"].encode("utf-8")
    message = (HEAD_DOMAIN + h["tree_size"].to_bytes(8, "big") + h["timestamp_ms"].to_bytes(8, "big")
               + bytes.fromhex(h["root_hash"]) + len(cid).to_bytes(2, "big") + cid)
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(b64url_decode(h["signature"]), message)
    except InvalidSignature:
        return "its signature is not by the log's key"
    if h["tree_size"] > len(leaves):
        return "it covers %d entries, but the log holds %d: entries it covers are missing" % (h["tree_size"], len(leaves))
    if h["tree_size"] not in roots:
        roots[h["tree_size"]] = root(leaves[:h["tree_size"]])
    computed = roots[h["tree_size"]].hex()
    if computed != h["root_hash"]:
        return "its root %s is not that of the log's first %d entries (%s): the log was rewritten" % (
            h["root_hash"], h["tree_size"], computed)
    return None


def find_root(directory):
    """The whole bundle's folder at or under `directory`: where logs/index.json is; None when there is none."""
    if os.path.exists(os.path.join(directory, "logs", "index.json")):
        return directory
    found = []
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames.sort()
        if os.path.basename(dirpath) == "logs" and "index.json" in filenames:
            found.append(os.path.dirname(dirpath))
    if len(found) > 1:
        raise Refused("%s: %d folders of logs below it (%s); pass one bundle" % (directory, len(found), ", ".join(sorted(found))))
    return found[0] if found else None


def listing(row, folder_form):
    """What a form folder's line says of a ballot, for `check`."""
    try:
        ballot_form = parse_ballot(row["ballot"])[0]
    except NotCanonical:
        ballot_form = None
    sig = b64url_decode(row["signature"])
    return {"folder_form": folder_form, "ballot_form": ballot_form,
            "signature_is_receipts": sig is not None and hashlib.sha256(sig).hexdigest() == row["receipt"],
            "content": content(row["public_key"], row["ballot"]), "times": [row["received_at"]] + (row.get("also_received") or [])}


def check(bundle_dir, listed, keys=(), notes=None):
    """Problems of a whole bundle's logs against what its form folders' lines say (`listed`: receipt -> listings) and
    the heads their collectors signed; with `keys`, the bundle must hold a log named by each and none other. Notes go
    to `notes`."""
    folder = os.path.join(bundle_dir, "logs")
    index_path = os.path.join(folder, "index.json")
    raw = bundlefiles.read_plain(index_path)
    index = bundlefiles.load_json(index_path, text=raw)
    if not isinstance(index, list):
        raise Refused("%s: not a list of logs" % index_path)
    problems, logged, names, files = [], {}, set(), set()
    for item in index:
        if not (isinstance(item, dict) and set(item) == {"file", "heads", "log", "root_hash", "size"}
                and isinstance(item["file"], str) and "/" not in item["file"] and not item["file"].startswith(".")
                and is_count(item["size"]) and isinstance(item["root_hash"], str) and isinstance(item["log"], str)
                and isinstance(item["heads"], list) and all(map(is_head, item["heads"]))
                and item["log"] not in names and item["file"] not in files):
            raise Refused("%s: %s is not a log as the index lists one, or is listed twice" % (index_path, json.dumps(item)[:200]))
        names.add(item["log"])
        files.add(item["file"])
    if canon.pretty(index) != raw:
        raise Refused("%s: not the canonical JSON of its logs (COUNTING.md section 8)" % index_path)
    for missing in sorted(set(keys) - names):
        problems.append("%s: no log of collector key %s: the bundle leaves out a collector's log" % (index_path, missing))
    for item in index:
        path = os.path.join(folder, item["file"])
        data = bundlefiles.read_plain(path)
        lines = data.split(b"\n")
        if lines[-1] != b"":
            raise Refused("%s: its last line is cut" % path)
        leaves = []
        for n, line in enumerate(lines[:-1]):
            e = entry_of(line, "%s:%d" % (path, n + 1), n)
            leaves.append(hashlib.sha256(b"\x00" + leaf(e)).digest())
            logged.setdefault(e["receipt"], []).append(e)
            if e["receipt"] not in listed:
                problems.append("%s:%d: receipt %s is in log %s but in no form's ballots.jsonl: the ballot was dropped"
                                % (path, n + 1, e["receipt"], item["log"]))
        computed = root(leaves).hex()
        if len(leaves) != item["size"] or computed != item["root_hash"]:
            problems.append("%s: %d entries with root %s, but %s says %d with root %s"
                            % (path, len(leaves), computed, index_path, item["size"], item["root_hash"]))
        if keys and item["log"] not in keys:
            problems.append("%s: log %s is not named by any collector key given (--key): not a log of the site's collectors"
                            % (index_path, item["log"]))
        key = b64url_decode(item["log"])
        if key is None or len(key) != 32:
            if item["heads"]:
                problems.append("%s: log %s lists signed heads but is not named by a log key, so nothing can check them"
                                % (index_path, item["log"]))
            elif notes is not None:
                notes.append("log %s is not named by a collector key, so no signature holds its %d entries"
                             % (json.dumps(item["log"], ensure_ascii=False), len(leaves)))
            continue
        order = [(h["tree_size"], h["timestamp_ms"], h["signature"]) for h in item["heads"]]
        if any(a >= b for a, b in zip(order, order[1:])):
            problems.append("%s: log %s's heads are not in order of tree_size, timestamp_ms and signature, each once"
                            % (index_path, item["log"]))
            continue
        roots = {}
        for h in item["heads"]:
            why = head_problem(h, key, leaves, roots)
            if why:
                problems.append("%s: log %s's head of %d entries signed at %d ms does not hold: %s (a forked or rewritten log)"
                                % (index_path, item["log"], h["tree_size"], h["timestamp_ms"], why))
        signed = max([h["tree_size"] for h in item["heads"]], default=0)
        if signed < len(leaves):
            problems.append("%s: log %s's entries %d to %d are under no head its collector signed (it signs one of its whole "
                            "log whenever it stops or starts): a rewritten log with its heads left out"
                            % (index_path, item["log"], signed, len(leaves) - 1))
    # Every line must be a ballot a collector logged, shown as it was logged: in its own form's folder, once, with the
    # signature its receipt hashes, the key and text the entry holds, and exactly the arrivals the collectors logged
    # for that content (an arrival decides windows, revotes and thresholds; a left-out one can set a ballot aside).
    for receipt in sorted(listed):
        at = "%s: ballot %s" % (bundle_dir, receipt)
        if receipt not in logged:
            problems.append(at + " is listed but in no collector's log: a ballot no collector received")
            continue
        listings = listed[receipt]
        if len(listings) != 1:
            problems.append(at + " is listed under %d forms: %s" % (len(listings), ", ".join(l["folder_form"] for l in listings)))
            continue
        listing = listings[0]
        if listing["ballot_form"] != listing["folder_form"]:
            problems.append(at + " is listed under form %s, but its text is form %s's"
                            % (listing["folder_form"], listing["ballot_form"] if listing["ballot_form"] is not None else "(none)"))
        if not listing["signature_is_receipts"]:
            problems.append(at + "'s signature in its line is not the one its receipt hashes: a signature changed after it was logged")
        same = [e for e in logged[receipt] if e["content"] == listing["content"]]
        if not same:
            problems.append(at + "'s key and text in its line are not what any collector logged under its receipt: "
                            "a ballot's content changed after it was logged")
            continue
        log_times = {e["received_ms"] for e in same}
        line_times = {milliseconds(t) for t in listing["times"]}
        for time in listing["times"]:
            if milliseconds(time) not in log_times:
                problems.append(at + " arrived at %s, by its line, but no collector's log holds that arrival for it: "
                                "an arrival time the collectors never recorded" % time)
        for time in sorted(log_times - line_times):
            problems.append(at + " was logged as received at %d ms, an arrival its line leaves out" % time)
    return problems


def milliseconds(text):
    """A collector's time text with milliseconds ('YYYY-MM-DDTHH:MM:SS.mmmZ') in ms since 1970, or None."""
    if not isinstance(text, str) or len(text) != 24 or text[19] != "." or text[23] != "Z" or not text[20:23].isdigit() \
            or not text[20:23].isascii():
        return None
    seconds = parse_time_text(text[:19] + "Z")
    return None if seconds is None or seconds < 0 else seconds * 1000 + int(text[20:23])
