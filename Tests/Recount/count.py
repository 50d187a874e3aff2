"""Counting of COUNTING.md section 5 (except budgets and the opinion map) and the FormResult of 6.1."""
import math

from ballottext import EPOCH_2001, time_text
import budget as budget_mod
import opinion_map

RULES = {"supports": "supports", "petition": "signatures", "survey": "counts per answer",
         "opinion": "counts per statement, opinion groups", "proposal": "texts", "comment": "texts"}


def _drop_fraction(t):
    """A binary64 arrival (seconds since 2001) -> time text, its fraction dropped."""
    return time_text(math.floor(t) + EPOCH_2001)


def arrival_order(counted):
    return sorted(counted, key=lambda b: (b.arrival, b.receipt.encode("utf-8")))


def supports(form, counted):
    cons = form.get("constraints") or {}
    minimum = cons.get("min_supports_per_participant") or 0
    threshold = cons.get("threshold")
    accumulate = cons.get("accumulate", True)
    counts, reached = {}, {}
    short = closed = 0
    for b in arrival_order(counted):
        if len(b.items) < minimum:
            short += 1
            continue
        for it in b.items:
            oid = it[0]
            if threshold is not None and not accumulate and counts.get(oid, 0) >= threshold:
                closed += 1
                continue
            counts[oid] = counts.get(oid, 0) + 1
            if threshold is not None and counts[oid] == threshold:
                reached[oid] = b.arrival
    options = []
    for o in form.get("options") or []:
        oid = o.get("id")
        v = counts.get(oid, 0)
        r = {"id": oid, "votes": v}
        if threshold is None:
            r["reason"] = "%d supports" % v
        elif oid in reached:
            r["selected"] = True
            r["reason"] = "reached the threshold of %d supports on %s" % (threshold, _drop_fraction(reached[oid]))
        else:
            r["selected"] = False
            r["reason"] = "%d supports, %d short of the threshold of %d" % (v, threshold - v, threshold)
        options.append(r)
    notes = []
    if minimum > 0:
        notes.append("%d participants gave fewer than %d supports; theirs do not count" % (short, minimum))
    if threshold is not None and not accumulate:
        notes.append("%d supports came after their proposal had reached %d and do not count" % (closed, threshold))
    return options, notes


def petition(form, counted):
    sigs = len(counted)
    order = arrival_order(counted)
    out = []
    for c in sorted(t.get("count") for t in form.get("thresholds") or []):
        e = {"count": c}
        if 1 <= c <= sigs:
            e["reached_at"] = _drop_fraction(order[c - 1].arrival)
        out.append(e)
    return sigs, out


def survey(form, counted):
    out = []
    for q in form.get("questions") or []:
        qid = q.get("id")
        kind = q.get("kind")
        answered = 0
        counts = {}
        for b in counted:
            mine = [it[1:] for it in b.items if it[0] == qid]
            if mine:
                answered += 1
            if kind in ("single", "multiple"):
                for g in mine:
                    counts[g[0]] = counts.get(g[0], 0) + 1
            elif kind == "matrix":
                for g in mine:
                    k = g[0] + ":" + g[1]
                    counts[k] = counts.get(k, 0) + 1
            elif kind == "ranking":
                for g in mine:
                    if g[0] == "1":
                        counts[g[1]] = counts.get(g[1], 0) + 1
        out.append({"id": qid, "answered": answered, "counts": counts})
    return out


def text_answers(form, counted):
    kind = form.get("kind")
    rows = []
    if kind == "survey":
        text_q = {q.get("id") for q in form.get("questions") or [] if q.get("kind") in ("short_text", "long_text")}
        for b in counted:
            for it in b.items:
                if it[0] in text_q:
                    rows.append((b.receipt, it[0], it[1]))
    elif kind in ("proposal", "comment"):
        for b in counted:
            for it in b.items:
                if len(it) == 2:
                    rows.append((b.receipt, it[0], it[1]))
    rows.sort(key=lambda r: (r[0].encode("utf-8"), r[1].encode("utf-8")))
    return rows


def csv_field(s):
    b = s.encode("utf-8")
    if any(c in s for c in ',"\r\n') or (b and (b[:1] in (b" ", b"\t") or b[-1:] in (b" ", b"\t"))):
        return '"' + s.replace('"', '""') + '"'
    return s


def answers_csv(rows):
    if not rows:
        return None
    lines = ["receipt,question,answer"] + [",".join(csv_field(x) for x in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def opinion_counts(form, counted):
    out = []
    for o in form.get("options") or []:
        oid = o.get("id")
        counts = {}
        for b in counted:
            if b.items[0][0] == oid:
                counts[b.items[0][1]] = counts.get(b.items[0][1], 0) + 1
        out.append({"id": oid, "answered": sum(counts.values()), "counts": counts})
    return out


def form_result(form, bundle, counted, submitted, roll_size):
    kind = form.get("kind")
    res = {"form": form["id"], "kind": kind, "counted_at": bundle["counted_at"],
           "participation": {"submitted": submitted, "valid": len(counted), "rejected": submitted - len(counted)},
           "options": [], "thresholds": [], "questions": []}
    if form.get("eligibility") == "roll":
        res["participation"]["eligible"] = roll_size
    if bundle.get("audit_url") is not None:
        res["audit"] = bundle["audit_url"] + form["id"] + "/"
    if kind == "budget":
        rule, options, budget, notes = budget_mod.count_budget(form, counted)
        res.update(rule=rule, options=options, budget=budget, notes=notes)
    elif kind == "supports":
        options, notes = supports(form, counted)
        res.update(rule=RULES[kind], options=options, notes=notes)
    elif kind == "petition":
        sigs, th = petition(form, counted)
        res.update(rule=RULES[kind], signatures=sigs, thresholds=th)
    elif kind == "survey":
        res.update(rule=RULES[kind], questions=survey(form, counted))
    elif kind == "opinion":
        res["rule"] = RULES[kind]
        res["questions"] = opinion_counts(form, counted)
        m, note = opinion_map.compute(form, arrival_order(counted))
        if m is not None:
            res["opinion_map"] = m
        else:
            res["notes"] = [note]
    elif kind in ("proposal", "comment"):
        res["rule"] = RULES[kind]
    else:
        raise budget_mod.CountFails("unknown form kind %r" % kind)
    return res, answers_csv(text_answers(form, counted))
