/// A k-means clustering of 2-D points: which cluster each point is in, the centres, and the sum of squared distances.
struct KMeans: Equatable {
    let assignments: [Int]
    let centres: [[Double]]
    let inertia: Double

    private static let restarts = 10
    private static let maximumIterations = 300

    /// The best of several k-means++ runs from one fixed seed; nil when the points have fewer than k distinct places.
    static func best(points: [[Double]], k: Int, seed: UInt64) -> KMeans? {
        var generator = SeededGenerator(seed: seed &+ UInt64(k))
        var best: KMeans?
        for _ in 0..<restarts {
            guard let centres = seedCentres(points: points, k: k, generator: &generator) else { return nil }
            let run = lloyd(points: points, centres: centres)
            if best == nil || run.inertia < best!.inertia - 1e-12 { best = run }
        }
        return best
    }

    /// k-means++: each next centre is drawn with probability proportional to its squared distance to the nearest centre.
    private static func seedCentres(points: [[Double]], k: Int, generator: inout SeededGenerator) -> [[Double]]? {
        guard k >= 1, points.count >= k else { return nil }
        var centres = [points[Int(generator.next() % UInt64(points.count))]]
        var nearest = points.map { squaredDistance($0, centres[0]) }
        while centres.count < k {
            let total = nearest.reduce(0, +)
            guard total > 1e-12 else { return nil }
            var target = generator.nextUnit() * total
            var chosen = nearest.lastIndex(where: { $0 > 0 })!
            for (index, weight) in nearest.enumerated() where weight > 0 {
                target -= weight
                if target < 0 { chosen = index; break }
            }
            centres.append(points[chosen])
            nearest = zip(nearest, points).map { min($0, squaredDistance($1, points[chosen])) }
        }
        return centres
    }

    private static func lloyd(points: [[Double]], centres start: [[Double]]) -> KMeans {
        var centres = start
        var assignments = [Int](repeating: -1, count: points.count)
        for _ in 0..<maximumIterations {
            let next = points.map { nearestCentre($0, centres) }
            if next == assignments { break }
            assignments = next
            for cluster in centres.indices {
                let members = points.indices.filter { assignments[$0] == cluster }
                if members.isEmpty {
                    // An empty cluster takes the point farthest from its own centre, so that k clusters remain.
                    let farthest = points.indices.max { squaredDistance(points[$0], centres[assignments[$0]]) < squaredDistance(points[$1], centres[assignments[$1]]) }!
                    centres[cluster] = points[farthest]
                    assignments[farthest] = cluster
                } else {
                    centres[cluster] = [0, 1].map { axis in members.reduce(0) { $0 + points[$1][axis] } / Double(members.count) }
                }
            }
        }
        let inertia = points.indices.reduce(0) { $0 + squaredDistance(points[$1], centres[assignments[$1]]) }
        return KMeans(assignments: assignments, centres: centres, inertia: inertia)
    }

    private static func nearestCentre(_ point: [Double], _ centres: [[Double]]) -> Int {
        var best = 0
        for index in centres.indices.dropFirst() where squaredDistance(point, centres[index]) < squaredDistance(point, centres[best]) - 1e-12 {
            best = index
        }
        return best
    }

    /// Points are always on the two axes; spelling both out keeps the silhouette's all-pairs loop free of allocations.
    static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        let dx = a[0] - b[0], dy = a[1] - b[1]
        return dx * dx + dy * dy
    }
}
