#!/usr/bin/env python3
"""Independent recount of audit bundles, from docs/COUNTING.md alone.

    recount.py BUNDLE_DIR --out OUT_DIR

Every folder at or under BUNDLE_DIR holding a bundle.json is checked and recounted; OUT_DIR/<form id>.json
(and .answers.csv) are written and compared byte for byte with the folder's result.json / answers.csv.
Exit 0 when every folder agrees, else one line per problem and exit 1 (2 for a usage error)."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bundlefiles                      # noqa: E402
from bundlefiles import Refused         # noqa: E402
import budget as budget_mod             # noqa: E402
import canon                            # noqa: E402
import count                            # noqa: E402
import logs                             # noqa: E402
import verdicts                         # noqa: E402


def find_bundles(root):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        if "bundle.json" in filenames:
            found.append(dirpath)
    return found


def out_path(out_dir, form_id, suffix):
    parts = form_id.split("/")
    if any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
        raise Refused("form id %s cannot be a path under --out" % json.dumps(form_id))
    return os.path.join(out_dir, *parts[:-1], parts[-1] + suffix)


def first_difference(a, b, path=""):
    """Where two JSON values differ first: (path, a part, b part) or None."""
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return path or ".", a, b
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return (path + "." + k).lstrip("."), a.get(k, "(absent)"), b.get(k, "(absent)")
            d = first_difference(a[k], b[k], (path + "." + k).lstrip("."))
            if d:
                return d
        return None
    if isinstance(a, list):
        for i in range(max(len(a), len(b))):
            if i >= len(a) or i >= len(b):
                return "%s[%d]" % (path, i), a[i] if i < len(a) else "(absent)", b[i] if i < len(b) else "(absent)"
            d = first_difference(a[i], b[i], "%s[%d]" % (path, i))
            if d:
                return d
        return None
    return None if a == b and type(a) is type(b) else (path or ".", a, b)


def recount_folder(folder, out_dir, problems, seen):
    bundle = bundlefiles.read_bundle_json(folder)
    form = bundlefiles.read_manifest(folder, bundle)
    roll_keys = set()
    if form.get("eligibility") == "roll":
        roll_keys = bundlefiles.read_roll(folder, form)
        roll_path = os.path.join(folder, "roll.txt")
        seen["notes"].append("form %s counts the %d keys of roll %s in %s, SHA-256 %s: compare it with the roll published "
                             "before the vote" % (form["id"], len(roll_keys), form["roll"], roll_path, bundlefiles.sha256_file(roll_path)))
    elif form.get("eligibility") == "credential":
        bundlefiles.check_issuer_key(folder, form)
        seen["notes"].append("form %s counts the credentials of roll %s signed by the issuer key %s: compare it with the key the site "
                             "published before the vote" % (form["id"], form["roll"], form["issuer_key"]))
    elif form.get("eligibility") != "open":
        raise Refused("%s: form %s has eligibility %s, not roll, credential or open" % (
            os.path.join(folder, "manifest.json"), form["id"], json.dumps(form.get("eligibility"))))
    rows = bundlefiles.read_ballots(folder)
    bpath = os.path.join(folder, "ballots.jsonl")
    tol = verdicts.tolerance_seconds(bundle["tolerance"])
    ballots = [verdicts.Ballot(n, row) for n, row in rows]
    for b in ballots:
        seen["listed"].setdefault(b.receipt, []).append(logs.listing(b.row, form["id"]))
    for b in ballots:
        verdicts.per_ballot(b, form, roll_keys, tol)
    verdicts.one_per_participant(ballots, form, bundle["revote"])
    for b in ballots:
        if b.verdict != b.written:
            problems.append("%s: line %d: ballot %s is marked %s, the recount finds %s%s" % (
                bpath, b.lineno, b.receipt, b.written, b.verdict,
                " (%s)" % b.refusal if b.refusal else ""))
            return      # COUNTING.md 7 step 2: stop at the first difference
    counted = sorted((b for b in ballots if b.verdict == "valid"), key=lambda b: b.receipt.encode("utf-8"))
    try:
        result, answers = count.form_result(form, bundle, counted, len(ballots), len(roll_keys))
    except budget_mod.CountFails as e:
        raise Refused("%s: the count fails: %s" % (os.path.join(folder, "manifest.json"), e))
    data = canon.pretty(result)
    rp = out_path(out_dir, form["id"], ".json")
    ap = out_path(out_dir, form["id"], ".answers.csv")
    os.makedirs(os.path.dirname(rp) or ".", exist_ok=True)
    with open(rp, "wb") as f:
        f.write(data)
    if answers is not None:
        with open(ap, "wb") as f:
            f.write(answers)
    elif os.path.exists(ap):
        os.remove(ap)
    written_p = os.path.join(folder, "result.json")
    try:
        written = bundlefiles.read_plain(written_p)
    except FileNotFoundError:
        problems.append("%s: missing (the recount wrote %s)" % (written_p, rp))
        written = None
    if written is not None and written != data:
        where = ""
        try:
            d = first_difference(json.loads(written.decode("utf-8")), result)
            if d:
                where = ": %s is %s, the recount finds %s" % (d[0], json.dumps(d[1], ensure_ascii=False),
                                                             json.dumps(d[2], ensure_ascii=False))
            else:
                where = ": same values, different bytes (spacing, order or number spelling)"
        except (ValueError, UnicodeDecodeError):
            where = ": not JSON"
        problems.append("%s differs from %s%s" % (written_p, rp, where))
    ans_p = os.path.join(folder, "answers.csv")
    if answers is None and os.path.exists(ans_p):
        problems.append("%s: present, but the count has no free-text answers" % ans_p)
    elif answers is not None and not os.path.exists(ans_p):
        problems.append("%s: missing, the recount finds %d free-text answers (%s)" % (
            ans_p, answers.count(b"\r\n") - 1, ap))
    elif answers is not None:
        if bundlefiles.read_plain(ans_p) != answers:
            problems.append("%s differs from %s" % (ans_p, ap))


def keys_joined(argv):
    """--key X as --key=X: a base64url key may start with "-", which argparse would take for an option."""
    out, at = [], 0
    while at < len(argv):
        if argv[at] == "--key" and at + 1 < len(argv):
            out.append("--key=" + argv[at + 1])
            at += 2
        else:
            out.append(argv[at])
            at += 1
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bundle_dir")
    ap.add_argument("--out", required=True)
    ap.add_argument("--key", action="append", default=[],
                    help="a collector's log key as the site publishes it; repeatable; every log must be named by one")
    a = ap.parse_args(keys_joined(sys.argv[1:] if argv is None else argv))
    if not os.path.isdir(a.bundle_dir):
        print("%s: not a folder" % a.bundle_dir, file=sys.stderr)
        return 2
    folders = find_bundles(a.bundle_dir)
    if not folders:
        print("%s: no bundle.json at or under it" % a.bundle_dir)
        return 1
    problems = []
    written_ids = {}
    seen = {"listed": {}, "notes": []}
    try:
        whole = logs.find_root(a.bundle_dir)
    except Refused as e:
        print(e)
        return 1
    if a.key and whole is None:
        problems.append("%s: no logs/index.json in it or below, so no collector's log to hold the ballots to (--key was given)"
                        % a.bundle_dir)
    for folder in folders:
        before = len(problems)
        try:
            recount_folder(folder, a.out, problems, seen)
        except Refused as e:
            problems.append(str(e))
        except (OSError, RecursionError, MemoryError, ValueError) as e:
            problems.append("%s: cannot be read: %s" % (folder, e))
        try:
            fid = bundlefiles.load_json(os.path.join(folder, "bundle.json")).get("form")
            if isinstance(fid, str):
                # A second folder of one form could list a ballot the counted one dropped, and satisfy the logs with it.
                if fid in written_ids:
                    problems.append("%s and %s both count form %s: a bundle holds one folder per form" % (written_ids[fid], folder, fid))
                written_ids[fid] = folder
                if whole is not None and os.path.normpath(folder) != os.path.normpath(os.path.join(whole, *fid.split("/"))):
                    problems.append("%s counts form %s, but a whole bundle keeps each form's folder at its id under %s, where its logs are"
                                    % (folder, fid, whole))
        except (Refused, AttributeError):
            pass
        status = "agrees" if len(problems) == before else "DISAGREES"
        print("%s: %s" % (folder, status), file=sys.stderr)
    try:
        notes = seen["notes"]
        if whole is not None:
            problems += logs.check(whole, seen["listed"], a.key, notes)
        for n in notes:
            print("note: " + n, file=sys.stderr)
    except Refused as e:
        problems.append(str(e))
    except (OSError, RecursionError, MemoryError, ValueError) as e:
        problems.append("%s: its logs cannot be read: %s" % (a.bundle_dir, e))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
