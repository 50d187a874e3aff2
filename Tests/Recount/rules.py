"""The rule of each form kind (COUNTING.md 4.4): returns None when the items pass, else a refusal code."""
from ballottext import text_length, all_white_space

FIELDS = ("title", "text", "author", "language")


def _int(v):
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _num(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def canonical_positive(s, max_digits=None):
    if not s or not s.isascii() or not s.isdigit() or s[0] == "0":
        return False
    return max_digits is None or len(s) <= max_digits


def _choice_ids(lst):
    out = []
    for c in lst or []:
        out.append(c.get("id") if isinstance(c, dict) else c)
    return out


def _count_checks(n, cons):
    mn, mx = _int(cons.get("min_choices")), _int(cons.get("max_choices"))
    if mn is not None and n < mn:
        return "too_few_choices"
    if mx is not None and n > mx:
        return "too_many_choices"
    return None


def check(form, items):
    kind = form.get("kind")
    cons = form.get("constraints") or {}
    option_ids = [o.get("id") for o in form.get("options") or []]
    opts = set(option_ids)
    cost = {}
    for o in form.get("options") or []:
        cost.setdefault(o.get("id"), _int(o.get("cost")) or 0)
    if kind == "budget" and "points" in cons:
        seen = set()
        total = 0
        mpp = _int(cons.get("max_points_per_option"))
        pts = []
        for it in items:
            if len(it) != 2 or it[0] not in opts:
                return "invalid_choice"
            if not canonical_positive(it[1], 9):
                return "invalid_points"
            if mpp is not None and int(it[1]) > mpp:
                return "too_many_points"
            pts.append(int(it[1]))
        for it in items:
            if it[0] in seen:
                return "conflicting_choices"
            seen.add(it[0])
        total = sum(pts)
        if _int(cons.get("points")) is not None and total > cons["points"]:
            return "too_many_points"
        return _count_checks(len(items), cons)
    if kind == "budget":
        for it in items:
            if len(it) != 1 or it[0] not in opts:
                return "invalid_choice"
        r = _count_checks(len(items), cons)
        if r:
            return r
        budget = _int(cons.get("budget"))
        if budget is not None:
            s = sum(cost.get(it[0], 0) for it in items)
            if s > budget:
                return "over_budget"
            share = _num(cons.get("min_budget_share"))
            if share is not None and float(s) < share * float(budget):
                return "under_budget"
        return None
    if kind == "supports":
        for it in items:
            if len(it) != 1 or it[0] not in opts:
                return "invalid_choice"
        r = _count_checks(len(items), cons)
        if r:
            return r
        spp = _int(cons.get("supports_per_participant"))
        if spp is not None and len(items) > spp:
            return "too_many_choices"
        return None
    if kind == "petition":
        if any(len(it) == 2 and it[0] in FIELDS for it in items):
            return _texts(form, items, ("text", "title"))
        for it in items:
            if len(it) != 1 or it[0] not in opts:
                return "invalid_choice"
        return _count_checks(len(items), cons)
    if kind == "survey":
        return _survey(form, items, cons)
    if kind == "opinion":
        if not items:
            return "too_few_choices"
        if len(items) > 1:
            return "too_many_choices"
        it = items[0]
        if len(it) != 2 or it[0] not in opts:
            return "invalid_choice"
        if it[1] not in ("agree", "disagree", "pass"):
            return "invalid_choice"
        return None
    if kind == "proposal":
        return _texts(form, items, ("text", "title"))
    if kind == "comment":
        return _texts(form, items, ("text",))
    raise ValueError("unknown form kind %r" % kind)


def _texts(form, items, required):
    cons = form.get("constraints") or {}
    mtl = _int(cons.get("max_text_length"))
    title = form.get("title") or {}
    seen = set()
    for it in items:
        if len(it) != 2 or it[0] not in FIELDS:
            return "invalid_choice"
        if it[0] in seen:
            return "conflicting_choices"
        seen.add(it[0])
        if it[0] == "language":
            if title and it[1] not in title:
                return "invalid_choice"
        else:
            if mtl is not None and text_length(it[1]) > mtl:
                return "text_too_long"
            if all_white_space(it[1]):
                return "missing_answer"
    for f in sorted(required):
        if f not in seen:
            return "missing_answer"
    return None


def _survey(form, items, cons):
    questions = form.get("questions") or []
    qids = {q.get("id") for q in questions}
    for it in items:
        if it[0] not in qids:
            return "invalid_choice"
    mtl_form = _int(cons.get("max_text_length"))
    for q in questions:
        given = [it[1:] for it in items if it[0] == q.get("id")]
        if not given:
            if q.get("required"):
                return "missing_answer"
            continue
        kind = q.get("kind")
        choices = set(_choice_ids(q.get("choices")))
        if kind == "single":
            if len(given) != 1:
                return "conflicting_choices"
            if len(given[0]) != 1 or given[0][0] not in choices:
                return "invalid_choice"
        elif kind == "multiple":
            for g in given:
                if len(g) != 1 or g[0] not in choices:
                    return "invalid_choice"
            r = _count_checks(len(given), q)
            if r:
                return r
        elif kind in ("short_text", "long_text"):
            if len(given) != 1 or len(given[0]) != 1:
                return "conflicting_choices"
            ml = _int(q.get("max_length"))
            if ml is None:
                ml = mtl_form
            if ml is not None and text_length(given[0][0]) > ml:
                return "text_too_long"
        elif kind == "ranking":
            for g in given:
                if len(g) != 2 or g[1] not in choices:
                    return "invalid_choice"
            ranks = []
            for g in given:
                if not canonical_positive(g[0]):
                    return "conflicting_choices"
                ranks.append(int(g[0]))
            if sorted(ranks) != list(range(1, len(given) + 1)):
                return "conflicting_choices"
            if len({g[1] for g in given}) != len(given):
                return "conflicting_choices"
            r = _count_checks(len(given), q)
            if r:
                return r
        elif kind == "matrix":
            rows = set(_choice_ids(q.get("rows")))
            for g in given:
                if len(g) != 2 or g[0] not in rows or g[1] not in choices:
                    return "invalid_choice"
            if len({g[0] for g in given}) != len(given):
                return "conflicting_choices"
            if q.get("required") and len(given) < len(q.get("rows") or []):
                return "missing_answer"
        else:
            raise ValueError("unknown question kind %r" % kind)
    return None
