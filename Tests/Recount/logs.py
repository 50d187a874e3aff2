"""The collectors' receipt logs a whole bundle carries (COUNTING.md section 8): their roots, and that they and the
forms' ballots hold the same receipts."""
import hashlib
import json
import os

import bundlefiles
from bundlefiles import Refused


def leaf(entry):
    cid = entry["collector_id"].encode("utf-8")
    return (b"\x01" + entry["index"].to_bytes(8, "big") + entry["received_ms"].to_bytes(8, "big")
            + bytes.fromhex(entry["receipt"]) + len(cid).to_bytes(2, "big") + cid)


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


def entry_of(line, where, position):
    e = bundlefiles.load_json(where, text=line, where=where)
    ok = (isinstance(e, dict) and set(e) == {"collector_id", "index", "received_ms", "receipt"}
          and isinstance(e["collector_id"], str) and 1 <= len(e["collector_id"].encode("utf-8")) <= 65535
          and e["index"] == position and isinstance(e["received_ms"], int) and e["received_ms"] >= 0
          and isinstance(e["receipt"], str) and len(e["receipt"]) == 64 and all(c in "0123456789abcdef" for c in e["receipt"]))
    if not ok:
        raise Refused("%s: not the log entry at index %d" % (where, position))
    return e


def check(bundle_dir, listed, counted):
    """Problems of the bundle's logs against the receipts its forms list (`listed`) and count (`counted`)."""
    folder = os.path.join(bundle_dir, "logs")
    index_path = os.path.join(folder, "index.json")
    if not os.path.exists(index_path):
        return []
    index = bundlefiles.load_json(index_path)
    if not isinstance(index, list):
        raise Refused("%s: not a list of logs" % index_path)
    problems, logged = [], set()
    for item in index:
        if not (isinstance(item, dict) and isinstance(item.get("file"), str) and "/" not in item["file"]
                and not item["file"].startswith(".") and isinstance(item.get("size"), int) and isinstance(item.get("root_hash"), str)):
            raise Refused("%s: %s is not a log as the index lists one" % (index_path, json.dumps(item)))
        path = os.path.join(folder, item["file"])
        data = bundlefiles.read_plain(path)
        lines = data.split(b"\n")
        if lines[-1] != b"":
            raise Refused("%s: its last line is cut" % path)
        leaves = []
        for n, line in enumerate(lines[:-1]):
            e = entry_of(line, "%s:%d" % (path, n + 1), n)
            leaves.append(hashlib.sha256(b"\x00" + leaf(e)).digest())
            logged.add(e["receipt"])
            if e["receipt"] not in listed:
                problems.append("%s:%d: receipt %s is in log %s but in no form's ballots.jsonl: the ballot was dropped"
                                % (path, n + 1, e["receipt"], item.get("log")))
        computed = root(leaves).hex()
        if len(leaves) != item["size"] or computed != item["root_hash"]:
            problems.append("%s: %d entries with root %s, but %s says %d with root %s"
                            % (path, len(leaves), computed, index_path, item["size"], item["root_hash"]))
    for receipt in sorted(counted - logged):
        problems.append("%s: ballot %s is counted but in no collector's log" % (bundle_dir, receipt))
    return problems
