"""Budgets (COUNTING.md 5.7): greedy, Equal Shares, Add1 with its stability replay, comparison."""
import math


class CountFails(Exception):
    pass


TOL = 1e-9
ONE_PLUS_TOL = 1 + TOL


def f2(x):
    return "%.2f" % x


class Projects:
    def __init__(self, form, voters_items, cumulative):
        self.ids = []
        self.cost = []
        for o in form.get("options") or []:
            c = o.get("cost")
            if not isinstance(c, int) or isinstance(c, bool):
                raise CountFails("option %r has no integer cost" % o.get("id"))
            self.ids.append(o.get("id"))
            self.cost.append(c)
        P = len(self.ids)
        index = {}
        for i, pid in enumerate(self.ids):
            index.setdefault(pid, i)
        self.votes = [0] * P
        self.points = [0] * P
        self.listed = []                       # per voter: project indices listed
        self.supporters = [[] for _ in range(P)]
        for v, items in enumerate(voters_items):
            mine = []
            for it in items:
                p = index[it[0]]
                mine.append(p)
                self.votes[p] += 1
                self.points[p] += int(it[1]) if cumulative else 1
                self.supporters[p].append(v)
            self.listed.append(mine)
        self.N = len(voters_items)
        self.P = P

    def chain_key(self, p):
        return (-self.votes[p], self.cost[p], self.ids[p].encode("utf-8"))

    def criterion(self, a, b):
        if self.votes[a] != self.votes[b]:
            return "more votes"
        if self.cost[a] != self.cost[b]:
            return "lower cost"
        return "lower id"

    def tie(self, lst, equal, why, round_=None):
        """A tie record in words and as data (COUNTING.md 5.7, "Reasons")."""
        s = "round %d: " % round_ if round_ is not None else ""
        s += "tied on %s: %s" % (equal, self.ids[lst[0]])
        for a, b in zip(lst, lst[1:]):
            s += " before %s (%s)" % (self.ids[b], self.criterion(a, b))
        why = dict(why, order=[self.ids[p] for p in lst], decided_by=[self.criterion(a, b) for a, b in zip(lst, lst[1:])])
        if round_ is not None:
            why["round"] = round_
        return s, why


class Outcome:
    def __init__(self, P):
        self.reason = [None] * P
        self.why = [None] * P
        self.ties = [[] for _ in range(P)]
        self.order = []          # selection order

    def selected(self):
        return set(self.order)

    def set(self, p, text, code, **why):
        self.reason[p] = text
        self.why[p] = dict(why, code=code)


def greedy(pr, score, kind, threshold, no_skip, total):
    out = Outcome(pr.P)
    eligible = []
    for p in range(pr.P):
        if threshold is None or score[p] >= threshold:
            eligible.append(p)
        else:
            out.set(p, "below the threshold: %d %s, needs %d" % (score[p], kind, threshold), "below_threshold",
                    score=score[p], kind=kind, threshold=threshold)
    order = sorted(eligible, key=lambda p: (-score[p],) + pr.chain_key(p))
    left = total
    stopped = None
    for p in order:
        if stopped is not None:
            out.set(p, "not reached: counting stopped at %s" % stopped, "not_reached", stopped_at=stopped)
        elif pr.cost[p] <= left:
            left -= pr.cost[p]
            out.order.append(p)
            out.set(p, "selected in round %d with %d %s" % (len(out.order), score[p], kind), "selected",
                    round=len(out.order), score=score[p], kind=kind)
        elif no_skip:
            out.set(p, "does not fit: %d left, costs %d; counting stops here" % (left, pr.cost[p]), "stops_counting",
                    left=left, cost=pr.cost[p])
            stopped = pr.ids[p]
        else:
            out.set(p, "does not fit: %d left, costs %d" % (left, pr.cost[p]), "does_not_fit", left=left, cost=pr.cost[p])
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and score[order[j + 1]] == score[order[i]]:
            j += 1
        if j > i:
            run = order[i:j + 1]
            t = pr.tie(run, "%d %s" % (score[order[i]], kind), {"score": score[order[i]], "kind": kind})
            for p in run:
                out.ties[p].append(t)
        i = j + 1
    return out


class ESSetup:
    def __init__(self, pr, score, threshold):
        self.pr = pr
        self.below = []
        self.no_support = []
        self.free = []
        cands = []
        for p in range(pr.P):
            if threshold is not None and score[p] < threshold:
                self.below.append(p)
            elif pr.votes[p] == 0:
                self.no_support.append(p)
            elif pr.cost[p] == 0:
                self.free.append(p)
            else:
                cands.append(p)
        self.cands = sorted(cands, key=lambda p: -pr.votes[p])      # stable: manifest order


class RunResult:
    pass


def es_run(es, b, record_ties):
    pr = es.pr
    res = RunResult()
    res.order = list(es.free)
    res.round_of = {p: 0 for p in es.free}
    res.max_payment = {}
    res.dropped = {}
    res.ties = {}
    budget = [b] * pr.N
    price = {p: 1 / pr.votes[p] for p in es.cands}
    cap = {}
    remaining = list(es.cands)
    rnd = 0
    spent = 0

    def evaluate(p):
        sup = pr.supporters[p]
        held = 0.0
        for v in sup:
            held += budget[v]
        vals = [budget[v] for v in sup]
        poorest, richest = min(vals), max(vals)
        need = pr.cost[p]
        if held < need * (1 - TOL):
            return held, None
        pay = need / len(sup)
        if poorest >= pay:
            return held, pay
        pool = vals
        while True:
            rich = [x for x in pool if not x < pay]
            poor_paid = 0.0
            for x in pool:
                if x < pay:
                    poor_paid += x
            if len(rich) == len(pool):
                return held, pay
            if not rich:
                return held, richest
            need = need - poor_paid
            pool = rich
            pay = need / len(pool)

    while remaining:
        rnd += 1
        best = math.inf
        kept = 0
        scanned = 0
        while scanned < len(remaining):
            p = remaining[scanned]
            if price[p] > best * ONE_PLUS_TOL:
                break
            scanned += 1
            held, pay = evaluate(p)
            if pay is None:
                res.dropped[p] = (rnd, held)
                continue
            price[p] = pay / pr.cost[p]
            cap[p] = pay
            best = min(best, price[p])
            remaining[kept] = p
            kept += 1
        remaining = remaining[0:kept] + remaining[scanned:]
        if best == math.inf:
            break
        lim = best * ONE_PLUS_TOL
        tied = [p for p in remaining if price[p] <= lim]
        if len(tied) == 1:
            winner = tied[0]
        else:
            tied_sorted = sorted(tied, key=pr.chain_key)
            winner = tied_sorted[0]
            if record_ties:
                effective = f2(1 / price[winner])
                t = pr.tie(tied_sorted, "an effective vote count of %s" % effective, {"effective_votes": effective}, rnd)
                for p in tied_sorted:
                    res.ties.setdefault(p, []).append(t)
        cw = cap[winner]
        for v in pr.supporters[winner]:
            budget[v] = budget[v] - cw if budget[v] > cw else 0
        res.round_of[winner] = rnd
        res.max_payment[winner] = cw
        res.order.append(winner)
        spent += pr.cost[winner]
        remaining.remove(winner)
        # insertion sort by price ascending, moving left only past strictly greater prices
        for i in range(1, len(remaining)):
            x = remaining[i]
            j = i - 1
            while j >= 0 and price[remaining[j]] > price[x]:
                remaining[j + 1] = remaining[j]
                j -= 1
            remaining[j + 1] = x
    res.spent = spent
    return res


class Pair:
    __slots__ = ("v", "s")

    def __init__(self, v, s):
        self.v, self.s = v, s

    def __add__(self, o):
        return Pair(self.v + o.v, self.s + o.s)

    def __sub__(self, o):
        return Pair(self.v - o.v, self.s - o.s)

    def times(self, k):
        return Pair(self.v * k, self.s * k)


def es_replay(es, b):
    pr = es.pr
    st = {"stable_for": math.inf}

    def meet(a, c):
        g = a - c
        if g.s != 0:
            x = -g.v / g.s
            if x >= 0:
                st["stable_for"] = min(st["stable_for"], x)

    budget = [Pair(b, 1.0) for _ in range(pr.N)]
    selected = set()
    spent = 0
    remaining = list(es.cands)

    def cap(p):
        need = pr.cost[p]
        pool = [budget[v] for v in pr.supporters[p]]
        held = Pair(0.0, 0.0)
        for x in pool:
            held = held + x
        meet(held, Pair(need * (1 - TOL), 0.0))
        if held.v < need * (1 - TOL):
            return None
        still = Pair(float(need), 0.0)
        pay = Pair(need / len(pool), 0.0)
        while True:
            rich = []
            poor = Pair(0.0, 0.0)
            for x in pool:
                meet(x, pay)
                if x.v < pay.v:
                    poor = poor + x
                else:
                    rich.append(x)
            if len(rich) == len(pool):
                return pay
            if not rich:
                st["stable_for"] = 0.0
                best = pool[0]
                for x in pool:
                    if x.v > best.v:
                        best = x
                return best
            still = still - poor
            pool = rich
            pay = still.times(1 / len(pool))

    while remaining:
        prices = []
        for p in remaining:
            c = cap(p)
            if c is not None:
                prices.append((p, c.times(1 / pr.cost[p]), c))
        remaining = [e[0] for e in prices]
        if not prices:
            break
        best = prices[0]
        for e in prices:
            if e[1].v < best[1].v:
                best = e
        limit = best[1].times(ONE_PLUS_TOL)
        tied = []
        for e in prices:
            if e is not best:
                meet(e[1], best[1])
            meet(e[1], limit)
            if e[1].v <= limit.v:
                tied.append(e[0])
        winner = tied[0] if len(tied) == 1 else sorted(tied, key=pr.chain_key)[0]
        capw = [e[2] for e in prices if e[0] == winner][0]
        for v in pr.supporters[winner]:
            meet(budget[v], capw)
            budget[v] = budget[v] - capw if budget[v].v > capw.v else Pair(0.0, 0.0)
        selected.add(winner)
        spent += pr.cost[winner]
        remaining.remove(winner)
    return selected, spent, st["stable_for"]


def add1(es, total, stops_when_exhaustive):
    pr = es.pr
    start = total / max(pr.N, 1)
    step = 1
    C = es.cands
    candidate_cost = sum(pr.cost[p] for p in C)
    inc = 0
    skipped = 0
    plain_stretch = 16
    plain_left = 16

    def reached(k):
        s = "Add1: %s per voter after %d increases of %s" % (f2(start + k * step), k, f2(step))
        if skipped > 0:
            s += " (%d of them skipped: their outcome was shown to be the same)" % skipped
        return s

    while True:
        b = start + inc * step
        same_until = b
        replayed = plain_left == 0
        if not replayed:
            plain_left -= 1
            r = es_run(es, b, False)
            spent = r.spent
            funded = set(r.round_of)
        else:
            sel, spent, stable_for = es_replay(es, b)
            funded = sel
            same_until = (b + stable_for * (1 - 1e-9)) - 1e-9 * b
        if spent > total:
            if inc == 0:
                return b, "Add1: even %s per voter overspends, so no increase was made" % f2(b)
            return start + (inc - 1) * step, reached(inc - 1) + "; %s would cost %d, over the budget" % (f2(b), spent)
        left = total - spent
        unfunded = [p for p in C if p not in funded]
        if stops_when_exhaustive and not any(pr.cost[p] <= left for p in unfunded):
            return b, reached(inc) + "; the outcome is exhaustive, nothing unfunded fits the %d left" % left
        if not unfunded:
            return b, reached(inc) + "; every supported project is funded"
        if candidate_cost <= total:
            inc = max(inc + 1, math.ceil((candidate_cost - start) / step))
        else:
            if same_until > b:
                if math.isinf(same_until):
                    raise CountFails("Add1: the replay found no bound on the stable stretch (stable_for is infinite)")
                nxt = max(inc + 1, math.ceil((same_until - start) / step))
            else:
                nxt = inc + 1
            if replayed and nxt - inc - 1 < 8:
                plain_stretch *= 2
                plain_left = plain_stretch
            skipped += nxt - inc - 1
            inc = nxt


def es_outcome(es, res, total):
    pr = es.pr
    out = Outcome(pr.P)
    for p in es.no_support:
        out.set(p, "no votes", "no_votes")
    for p in es.free:
        out.set(p, "selected at no cost with %d votes" % pr.votes[p], "costs_nothing", score=pr.votes[p], kind="votes")
    for p in es.cands:
        if p in res.max_payment:
            m = res.max_payment[p]
            out.set(p, "selected in round %d under Equal Shares with an effective vote count of %s "
                       "(no supporter paid more than %s)" % (res.round_of[p], f2(pr.cost[p] / m), f2(m)),
                    "selected_equal_shares", round=res.round_of[p], effective_votes=f2(pr.cost[p] / m), max_payment=f2(m))
        elif p in res.dropped:
            r, h = res.dropped[p]
            out.set(p, "under Equal Shares its supporters held %s in round %d, it costs %d" % (f2(h), r, pr.cost[p]),
                    "supporters_cannot_afford", round=r, held=f2(h), cost=pr.cost[p])
        else:
            raise CountFails("Equal Shares left project %s with no outcome" % pr.ids[p])
    for p, ts in res.ties.items():
        out.ties[p].extend(ts)
    out.order = list(res.order)
    return out


def count_budget(form, counted):
    cons = form.get("constraints") or {}
    tally = form.get("tally")
    cumulative = "points" in cons
    total = None
    if isinstance(tally, dict) and tally.get("total") is not None:
        total = tally["total"]
    elif cons.get("budget") is not None:
        total = cons["budget"]
    if not isinstance(total, int) or isinstance(total, bool):
        raise CountFails("the budget form has neither tally.total nor constraints.budget")
    rule = tally.get("rule", "greedy") if isinstance(tally, dict) else "greedy"
    threshold = tally.get("threshold") if isinstance(tally, dict) else None
    stops = bool(tally.get("stops_when_exhaustive", False)) if isinstance(tally, dict) else False
    pr = Projects(form, [b.items for b in counted], cumulative)
    score = pr.points if cumulative else pr.votes
    kind = "points" if cumulative else "votes"
    notes = []
    add1_note = None
    comparison_note = None
    if rule in ("greedy", "greedy-threshold", "greedy-no-skip"):
        th = None if rule == "greedy" else threshold
        no_skip = rule == "greedy-no-skip"
        out = greedy(pr, score, kind, th, no_skip, total)
        words = "greedy by %s" % kind
        if th is not None:
            words += ", threshold %d" % th
        if no_skip:
            words += ", stopping at the first project that does not fit"
    elif rule in ("equal-shares", "equal-shares-add1", "equal-shares-add1-comparison"):
        es = ESSetup(pr, score, threshold)
        if rule == "equal-shares":
            b = total / pr.N if pr.N else math.inf
        else:
            b, add1_note = add1(es, total, stops)
        res = es_run(es, b, True)
        out = es_outcome(es, res, total)
        for p in es.below:
            out.set(p, "below the threshold: %d %s, needs %d" % (score[p], kind, threshold), "below_threshold",
                    score=score[p], kind=kind, threshold=threshold)
        words = "Equal Shares (cost utilities)"
        if rule != "equal-shares":
            words += " with Add1, stopping when exhaustive" if stops else " with Add1"
        if threshold is not None:
            words += ", threshold %d" % threshold
        if rule == "equal-shares-add1-comparison":
            g = greedy(pr, pr.votes, "votes", threshold, False, total)
            es_sel, g_sel = out.selected(), g.selected()
            E = G = 0
            for mine in pr.listed:
                bal = sum(1 for p in mine if p in es_sel) - sum(1 for p in mine if p in g_sel)
                if bal > 0:
                    E += 1
                elif bal < 0:
                    G += 1
            if G > E:
                out = g
                words += ", compared with greedy by votes: greedy preferred"
                comparison_note = ("comparison: voters with more of their projects funded: %d under Equal Shares, "
                                   "%d under greedy; greedy used" % (E, G))
            else:
                words += ", compared with greedy by votes"
                comparison_note = ("comparison: voters with more of their projects funded: %d under Equal Shares, "
                                   "%d under greedy; Equal Shares kept" % (E, G))
    else:
        raise CountFails("unknown tally.rule %r" % rule)
    notes.append(words)
    notes.append("ties: more votes, then lower cost, then the lower project id")
    if add1_note:
        notes.append(add1_note)
    if comparison_note:
        notes.append(comparison_note)
    if out.order:
        notes.append("selected in this order: " + ", ".join(pr.ids[p] for p in out.order))
    sel = out.selected()
    options = []
    for p in range(pr.P):
        o = {"id": pr.ids[p], "votes": pr.votes[p], "cost": pr.cost[p], "selected": p in sel,
             "reason": "; ".join([out.reason[p]] + [t[0] for t in out.ties[p]]),
             "why": dict(out.why[p], ties=[t[1] for t in out.ties[p]])}
        if cumulative:
            o["score"] = pr.points[p]
        options.append(o)
    currency = form.get("currency")
    budget = {"total": total, "used": sum(pr.cost[p] for p in sel), "currency": currency if currency is not None else "EUR"}
    return rule, options, budget, notes
