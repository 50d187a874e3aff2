/// The mean silhouette of a clustering: near 1 when clusters are tight and apart, near 0 when they overlap.
enum Silhouette {
    static func score(points: [[Double]], assignments: [Int], k: Int) -> Double {
        guard points.count > 1 else { return 0 }
        var total = 0.0
        for (index, point) in points.enumerated() {
            var sums = [Double](repeating: 0, count: k)
            var counts = [Int](repeating: 0, count: k)
            for (other, place) in points.enumerated() where other != index {
                sums[assignments[other]] += KMeans.squaredDistance(point, place).squareRoot()
                counts[assignments[other]] += 1
            }
            let own = assignments[index]
            // A point alone in its cluster scores 0, as in Rousseeuw's definition.
            guard counts[own] > 0 else { continue }
            let cohesion = sums[own] / Double(counts[own])
            let separation = (0..<k).filter { $0 != own && counts[$0] > 0 }.map { sums[$0] / Double(counts[$0]) }.min() ?? 0
            let scale = max(cohesion, separation)
            total += scale > 0 ? (separation - cohesion) / scale : 0
        }
        return total / Double(points.count)
    }
}
