/// A weighted k-means clustering of 2-D points: which cluster each point is in, the centres, and the weighted sum of
/// squared distances.
struct KMeans: Equatable {
    let assignments: [Int]
    let centres: [[Double]]
    let inertia: Double

    private static let maximumIterations = 300

    /// The best of `restarts` k-means++ runs from one fixed seed; nil when the points have fewer than k distinct places.
    /// A weight counts its point that many times, so that base clusters can stand for their members.
    static func best(points: [[Double]], weights: [Double], k: Int, restarts: Int, seed: UInt64) -> KMeans? {
        var generator = SeededGenerator(seed: seed &+ UInt64(k))
        let xs = points.map { $0[0] }, ys = points.map { $0[1] }
        var best: KMeans?
        for _ in 0..<restarts {
            guard let centres = seedCentres(xs: xs, ys: ys, weights: weights, k: k, generator: &generator) else { return nil }
            let run = lloyd(xs: xs, ys: ys, weights: weights, centres: centres)
            if best == nil || run.inertia < best!.inertia - 1e-12 { best = run }
        }
        return best
    }

    /// k-means++: each next centre is drawn with probability proportional to its weight times its squared distance to
    /// the nearest centre.
    private static func seedCentres(xs: [Double], ys: [Double], weights: [Double], k: Int, generator: inout SeededGenerator) -> [Int]? {
        guard k >= 1, xs.count >= k else { return nil }
        var centres = [Int(generator.next() % UInt64(xs.count))]
        var nearest = xs.indices.map { squaredDistance(xs, ys, $0, xs[centres[0]], ys[centres[0]]) }
        while centres.count < k {
            var total = 0.0
            for index in xs.indices { total += weights[index] * nearest[index] }
            guard total > 1e-12 else { return nil }
            var target = generator.nextUnit() * total
            var chosen = nearest.lastIndex(where: { $0 > 0 })!
            for index in xs.indices where nearest[index] > 0 {
                target -= weights[index] * nearest[index]
                if target < 0 { chosen = index; break }
            }
            centres.append(chosen)
            for index in xs.indices { nearest[index] = min(nearest[index], squaredDistance(xs, ys, index, xs[chosen], ys[chosen])) }
        }
        return centres
    }

    private static func lloyd(xs: [Double], ys: [Double], weights: [Double], centres start: [Int]) -> KMeans {
        let k = start.count
        var cx = start.map { xs[$0] }, cy = start.map { ys[$0] }
        var assignments = [Int](repeating: -1, count: xs.count)
        for _ in 0..<maximumIterations {
            let next = xs.indices.map { nearestCentre(xs[$0], ys[$0], cx, cy) }
            if next == assignments { break }
            assignments = next
            (cx, cy) = means(xs: xs, ys: ys, weights: weights, assignments: assignments, previous: (cx, cy))
            var members = [Int](repeating: 0, count: k)
            for cluster in assignments { members[cluster] += 1 }
            for cluster in 0..<k where members[cluster] == 0 {
                // An empty cluster takes the point farthest from its own centre, so that k clusters remain.
                var farthest = 0, distance = -1.0
                for index in xs.indices {
                    let own = squaredDistance(xs, ys, index, cx[assignments[index]], cy[assignments[index]])
                    if own > distance { farthest = index; distance = own }
                }
                cx[cluster] = xs[farthest]
                cy[cluster] = ys[farthest]
                members[assignments[farthest]] -= 1
                members[cluster] += 1
                assignments[farthest] = cluster
            }
        }
        (cx, cy) = means(xs: xs, ys: ys, weights: weights, assignments: assignments, previous: (cx, cy))
        var inertia = 0.0
        for index in xs.indices { inertia += weights[index] * squaredDistance(xs, ys, index, cx[assignments[index]], cy[assignments[index]]) }
        return KMeans(assignments: assignments, centres: zip(cx, cy).map { [$0, $1] }, inertia: inertia)
    }

    /// The weighted mean of each cluster's points; a cluster without members keeps its previous centre.
    private static func means(xs: [Double], ys: [Double], weights: [Double], assignments: [Int],
                              previous: ([Double], [Double])) -> ([Double], [Double]) {
        var sumX = [Double](repeating: 0, count: previous.0.count), sumY = sumX, total = sumX
        for (index, cluster) in assignments.enumerated() {
            sumX[cluster] += weights[index] * xs[index]
            sumY[cluster] += weights[index] * ys[index]
            total[cluster] += weights[index]
        }
        var (cx, cy) = previous
        for cluster in total.indices where total[cluster] > 0 {
            cx[cluster] = sumX[cluster] / total[cluster]
            cy[cluster] = sumY[cluster] / total[cluster]
        }
        return (cx, cy)
    }

    private static func nearestCentre(_ x: Double, _ y: Double, _ cx: [Double], _ cy: [Double]) -> Int {
        var best = 0
        var bestDistance = (x - cx[0]) * (x - cx[0]) + (y - cy[0]) * (y - cy[0])
        for index in cx.indices.dropFirst() {
            let distance = (x - cx[index]) * (x - cx[index]) + (y - cy[index]) * (y - cy[index])
            if distance < bestDistance - 1e-12 { best = index; bestDistance = distance }
        }
        return best
    }

    private static func squaredDistance(_ xs: [Double], _ ys: [Double], _ index: Int, _ x: Double, _ y: Double) -> Double {
        let dx = xs[index] - x, dy = ys[index] - y
        return dx * dx + dy * dy
    }
}
