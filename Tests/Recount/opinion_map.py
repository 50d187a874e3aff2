"""The opinion map of COUNTING.md 5.5 (PCA, k-means, groups, distinctive, consensus) and 6.2 / 6.3."""
import math

M64 = (1 << 64) - 1


class PRNG:
    def __init__(self, seed):
        self.state = seed & M64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * (2.0 ** -53)


def _sum(xs):
    s = 0.0
    for x in xs:
        s += x
    return s


def dot(a, b):
    s = 0.0
    for i in range(len(a)):
        s += a[i] * b[i]
    return s


def dist2(a, b):
    return (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])


def pca(X, seen, R, C):
    for c in range(C):
        s = 0.0
        n = 0
        for r in range(R):
            if seen[r][c]:
                s += X[r][c]
                n += 1
        mean = 0.0 if n == 0 else s / n
        for r in range(R):
            X[r][c] = X[r][c] - mean if seen[r][c] else 0.0
    total = 0.0
    for r in range(R):
        for c in range(C):
            total += X[r][c] * X[r][c]
    total = total / R
    g = PRNG(0x5EED0F0915)
    axes = []
    variances = []

    def orth(v):
        v = list(v)
        for a in axes:
            k = dot(v, a)
            for i in range(len(v)):
                v[i] = v[i] - k * a[i]
        return v

    def norm(v):
        n = math.sqrt(dot(v, v))
        if not n > 1e-9:
            return None
        return [x / n for x in v]

    def covtimes(v):
        res = [0.0] * C
        for r in range(R):
            p = 0.0
            for c in range(C):
                p += X[r][c] * v[c]
            for c in range(C):
                res[c] += X[r][c] * p
        return [x / R for x in res]

    def leading():
        zeros = [0.0] * C
        if R == 0 or C == 0:
            return zeros, 0.0
        v = [g.unit() * 2 - 1 for _ in range(C)]
        cur = norm(orth(v))
        if cur is None:
            return zeros, 0.0
        variance = 0.0
        for _ in range(2000):
            v = orth(covtimes(cur))
            variance = dot(v, cur)
            nxt = norm(v)
            if nxt is None or not variance > 1e-12:
                return zeros, 0.0
            change = 0.0
            for c in range(C):
                change += (nxt[c] - cur[c]) * (nxt[c] - cur[c])
            cur = nxt
            if change < 1e-12:
                break
        largest = max(abs(x) for x in cur)
        lead = next(x for x in cur if abs(x) >= largest - 1e-9)
        if lead < 0:
            cur = [-x for x in cur]
        return cur, variance

    for _ in range(2):
        a, var = leading()
        axes.append(a)
        variances.append(var)
    explained = [min(1.0, max(0.0, v / total)) if total > 1e-12 else 0.0 for v in variances]
    return axes, explained


def kmeans(points, weights, k, restarts, seed):
    """-> (assign, centres) of the best run, or None when seeding fails."""
    n = len(points)
    g = PRNG(seed + k)
    best = None
    for _ in range(restarts):
        if not (k >= 1 and n >= k):
            return None
        chosen = g.next() % n
        centres = [points[chosen]]
        near = [dist2(p, points[chosen]) for p in points]
        while len(centres) < k:
            tot = 0.0
            for i in range(n):
                tot += weights[i] * near[i]
            if not tot > 1e-12:
                return None
            target = g.unit() * tot
            chosen = max(i for i in range(n) if near[i] > 0)
            for i in range(n):
                if near[i] > 0:
                    target -= weights[i] * near[i]
                    if target < 0:
                        chosen = i
                        break
            centres.append(points[chosen])
            near = [min(near[i], dist2(points[i], points[chosen])) for i in range(n)]
        assign = [-1] * n
        for _ in range(300):
            nxt = []
            for p in points:
                b = 0
                bd = dist2(p, centres[0])
                for j in range(1, k):
                    d = dist2(p, centres[j])
                    if d < bd - 1e-12:
                        b, bd = j, d
                nxt.append(b)
            if nxt == assign:
                break
            assign = nxt
            centres = _means(points, weights, assign, centres)
            members = [0] * k
            for a in assign:
                members[a] += 1
            for j in range(k):
                if members[j] == 0:
                    f = 0
                    fd = -1.0
                    for i in range(n):
                        d = dist2(points[i], centres[assign[i]])
                        if d > fd:
                            f, fd = i, d
                    centres[j] = points[f]
                    members[assign[f]] -= 1
                    members[j] += 1
                    assign[f] = j
        centres = _means(points, weights, assign, centres)
        inertia = 0.0
        for i in range(n):
            inertia += weights[i] * dist2(points[i], centres[assign[i]])
        if best is None or inertia < best[0] - 1e-12:
            best = (inertia, list(assign), list(centres))
    return best[1], best[2]


def _means(points, weights, assign, previous):
    k = len(previous)
    sx = [0.0] * k
    sy = [0.0] * k
    tot = [0.0] * k
    for i, a in enumerate(assign):
        sx[a] += weights[i] * points[i][0]
        sy[a] += weights[i] * points[i][1]
        tot[a] += weights[i]
    return [(sx[j] / tot[j], sy[j] / tot[j]) if tot[j] > 0 else previous[j] for j in range(k)]


def group_points(points, R):
    """Base clusters (at most 100), then weighted k-means of their centres for k = 2..min(5, 2 + B / 12)."""
    distinct = len(set(points))
    k = min(100, distinct)
    base = None
    while k > 0 and base is None:
        base = kmeans(points, [1.0] * R, k, 1, 0x0915C0DE)
        k -= 1
    if base is None:
        return [0] * R
    assign, centres = base
    sizes = [0] * len(centres)
    for a in assign:
        sizes[a] += 1
    used = [j for j in range(len(centres)) if sizes[j] > 0]
    renumber = {j: i for i, j in enumerate(used)}
    of_point = [renumber[a] for a in assign]
    centres = [centres[j] for j in used]
    weights = [float(sizes[j]) for j in used]
    B = len(centres)
    best_k = None
    for k in range(2, max(2, min(5, 2 + B // 12)) + 1):
        if not k <= B:
            continue
        run = kmeans(centres, weights, k, 10, 0x0915C0DE)
        if run is None:
            continue
        score = silhouette(centres, run[0], k, B)
        if best_k is None or score > best_k[0] + 1e-12:
            best_k = (score, run[0])
    if best_k is None:
        return [0] * R
    return [best_k[1][b] for b in of_point]


def silhouette(points, assign, k, R):
    sizes = [0] * k
    for a in assign:
        sizes[a] += 1
    partials = []
    for start in range(0, R, 256):
        partial = 0.0
        for i in range(start, min(start + 256, R)):
            sums = [0.0] * k
            for j in range(R):
                dx = points[i][0] - points[j][0]
                dy = points[i][1] - points[j][1]
                sums[assign[j]] += math.sqrt(0.0 + dx * dx + dy * dy)
            own = assign[i]
            if sizes[own] > 1:
                a = sums[own] / (sizes[own] - 1)
                others = [sums[c] / sizes[c] for c in range(k) if c != own and sizes[c] > 0]
                b = min(others) if others else 0.0
                m = max(a, b)
                partial += (b - a) / m if m > 0 else 0.0
        partials.append(partial)
    return _sum(partials) / R


def _tally(rows, c, X0, seen):
    s = a = d = 0
    for r in rows:
        if seen[r][c]:
            s += 1
            if X0[r][c] == 1:
                a += 1
            elif X0[r][c] == -1:
                d += 1
    return s, a, d


def _p(count, seen):
    return (count + 1) / (seen + 2)


def compute(form, votes_in_arrival_order):
    """-> (opinion_map, None) or (None, note)."""
    statements = [o.get("id") for o in form.get("options") or []]
    seen_ids = set()
    for s in statements:
        if s in seen_ids:
            return None, ('opinion groups: not computed: statement "%s" is listed twice: give each statement '
                          'its own id' % s)
        seen_ids.add(s)
    col = {s: i for i, s in enumerate(statements)}
    C = len(statements)
    votes = {}
    reacted_ids = set()
    counted = set()
    for b in votes_in_arrival_order:
        # One update per vote: whoever reaches min(7, statements with a vote) at an update stays counted (Pol.is).
        p = b.row["public_key"]
        votes.setdefault(p, {})[col[b.items[0][0]]] = b.items[0][1]
        reacted_ids.add(col[b.items[0][0]])
        if len(votes[p]) >= min(7, max(1, len(reacted_ids))):
            counted.add(p)
    reacted = len(reacted_ids)
    minimum = min(7, max(1, reacted))
    kept = sorted(counted, key=lambda p: p.encode("utf-8"))
    R = len(kept)
    if R < 2:
        return None, ("opinion groups: %d participant(s) reacted to at least %d statements; at least 2 are needed"
                      % (R, minimum))
    val = {"agree": 1.0, "disagree": -1.0, "pass": 0.0}
    X = [[0.0] * C for _ in range(R)]
    seen = [[False] * C for _ in range(R)]
    for r, p in enumerate(kept):
        for c, st in votes[p].items():
            X[r][c] = val[st]
            seen[r][c] = True
    X0 = [list(row) for row in X]
    axes, explained = pca(X, seen, R, C)
    points = []
    for r in range(R):
        s = sum(1 for c in range(C) if seen[r][c])
        scale = 0.0 if s == 0 else math.sqrt(reacted / s)
        pt = []
        for i in range(2):
            acc = 0.0
            for c in range(C):
                acc += X[r][c] * axes[i][c]
            pt.append(acc * scale)
        points.append(tuple(pt))
    assign = group_points(points, R)
    clusters = {}
    for r, a in enumerate(assign):
        clusters.setdefault(a, []).append(r)
    ordered = sorted(clusters.values(), key=lambda rows: (-len(rows), min(rows)))
    group_of = {}
    for gid, rows in enumerate(ordered):
        for r in rows:
            group_of[r] = gid
    groups = []
    for gid, rows in enumerate(ordered):
        dist = []
        if len(ordered) >= 2:
            inset = set(rows)
            out_rows = [r for r in range(R) if r not in inset]
            cands = []
            for c in range(C):
                s_in, a_in, d_in = _tally(rows, c, X0, seen)
                s_out, a_out, d_out = _tally(out_rows, c, X0, seen)
                keep = None
                for stance, ci, co in (("agree", a_in, a_out), ("disagree", d_in, d_out)):
                    p = _p(ci, s_in)
                    ratio = p / _p(co, s_out)
                    if p > 0.5 and ratio > 1:
                        score = p * ratio
                        if keep is None or score > keep[0]:
                            keep = (score, c, stance, p, ratio, a_in, d_in, s_in)
                if keep:
                    cands.append(keep)
            cands.sort(key=lambda e: (-e[0], e[1]))
            for e in cands[:5]:
                dist.append({"statement": statements[e[1]], "stance": e[2], "probability": e[3], "ratio": e[4],
                             "agree": e[5], "disagree": e[6], "seen": e[7]})
        groups.append({"id": gid, "size": len(rows), "members": [kept[r] for r in rows], "distinctive": dist})
    cons = []
    for c in range(C):
        for stance in ("agree", "disagree"):
            ps = []
            for rows in ordered:
                s, a, d = _tally(rows, c, X0, seen)
                ps.append(_p(a if stance == "agree" else d, s))
            if all(p > 0.5 for p in ps):
                score = 1.0
                for p in ps:
                    score = score * p
                cons.append((score, c, stance))
    cons.sort(key=lambda e: (-e[0], e[1]))
    consensus = [{"statement": statements[c], "stance": st, "score": sc} for sc, c, st in cons[:5]]
    return {"participants": R, "statements": C, "minimum_votes": minimum, "explained_variance": explained,
            "groups": groups,
            "points": [{"participant": kept[r], "x": points[r][0], "y": points[r][1], "group": group_of[r]}
                       for r in range(R)],
            "consensus": consensus}, None
