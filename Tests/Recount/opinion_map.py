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


def pca(X, R, C):
    for c in range(C):
        s = 0.0
        for r in range(R):
            s += X[r][c]
        mean = s / R
        for r in range(R):
            X[r][c] = X[r][c] - mean
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


def kmeans(points, R):
    best_k = None           # (score, assign)
    for k in (2, 3, 4, 5):
        if not k < R:
            continue
        g = PRNG(0x0915C0DE + k)
        best = None
        skip = False
        for _ in range(10):
            centres = [points[g.next() % R]]
            near = [dist2(p, centres[0]) for p in points]
            while len(centres) < k:
                tot = _sum(near)
                if not tot > 1e-12:
                    skip = True
                    break
                target = g.unit() * tot
                chosen = max(i for i in range(R) if near[i] > 0)
                for i in range(R):
                    if near[i] > 0:
                        target -= near[i]
                        if target < 0:
                            chosen = i
                            break
                centres.append(points[chosen])
                near = [min(near[i], dist2(points[i], points[chosen])) for i in range(R)]
            if skip:
                break
            assign = [-1] * R
            for _ in range(300):
                nxt = []
                for p in points:
                    b = 0
                    for j in range(1, k):
                        if dist2(p, centres[j]) < dist2(p, centres[b]) - 1e-12:
                            b = j
                    nxt.append(b)
                if nxt == assign:
                    break
                assign = nxt
                for j in range(k):
                    members = [i for i in range(R) if assign[i] == j]
                    if not members:
                        f = 0
                        fd = None
                        for i in range(R):
                            d = dist2(points[i], centres[assign[i]])
                            if fd is None or d > fd:
                                f, fd = i, d
                        centres[j] = points[f]
                        assign[f] = j
                    else:
                        sx = 0.0
                        sy = 0.0
                        for i in members:
                            sx += points[i][0]
                        for i in members:
                            sy += points[i][1]
                        centres[j] = (sx / len(members), sy / len(members))
            inertia = 0.0
            for i in range(R):
                inertia += dist2(points[i], centres[assign[i]])
            if best is None or inertia < best[0] - 1e-12:
                best = (inertia, list(assign))
        if skip or best is None:
            continue
        score = silhouette(points, best[1], k, R)
        if best_k is None or score > best_k[0] + 1e-12:
            best_k = (score, best[1])
    return best_k[1] if best_k else [0] * R


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
    minimum = min(7, C)
    votes = {}
    for b in votes_in_arrival_order:
        votes.setdefault(b.row["public_key"], {})[col[b.items[0][0]]] = b.items[0][1]
    kept = sorted((p for p, v in votes.items() if len(v) >= minimum), key=lambda p: p.encode("utf-8"))
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
    axes, explained = pca(X, R, C)
    points = []
    for r in range(R):
        s = sum(1 for c in range(C) if seen[r][c])
        scale = 0.0 if s == 0 else math.sqrt(C / s)
        pt = []
        for i in range(2):
            acc = 0.0
            for c in range(C):
                acc += X[r][c] * axes[i][c]
            pt.append(acc * scale)
        points.append(tuple(pt))
    assign = kmeans(points, R)
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
