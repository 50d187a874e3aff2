import Dispatch

/// The mean silhouette of a clustering: near 1 when clusters are tight and apart, near 0 when they overlap.
///
/// All pairs of points are compared (an opinion map scores its base clusters, at most 100, not its participants):
/// it runs on flat coordinate arrays, in fixed chunks on every core, and adds the chunks in order, so the score does
/// not depend on the number of cores.
enum Silhouette {
    static func score(points: [[Double]], assignments: [Int], k: Int) -> Double {
        let count = points.count
        guard count > 1 else { return 0 }
        let dimensions = points[0].count
        var flat = [Double](repeating: 0, count: count * dimensions)
        for (index, point) in points.enumerated() { for d in 0..<dimensions { flat[index * dimensions + d] = point[d] } }
        var sizes = [Int](repeating: 0, count: k)
        for cluster in assignments { sizes[cluster] += 1 }
        let chunk = 256
        let chunks = (count + chunk - 1) / chunk
        var partial = [Double](repeating: 0, count: chunks)
        flat.withUnsafeBufferPointer { coordinates in
            assignments.withUnsafeBufferPointer { cluster in
                partial.withUnsafeMutableBufferPointer { results in
                    let output = results
                    DispatchQueue.concurrentPerform(iterations: chunks) { part in
                        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: k)
                        defer { sums.deallocate() }
                        var total = 0.0
                        for index in part * chunk..<min(count, (part + 1) * chunk) {
                            sums.initialize(repeating: 0)
                            let base = index * dimensions
                            // The point's distance to itself is 0, so it adds nothing to its own cluster's sum.
                            for other in 0..<count {
                                var squared = 0.0
                                let otherBase = other * dimensions
                                for d in 0..<dimensions {
                                    let delta = coordinates[base + d] - coordinates[otherBase + d]
                                    squared += delta * delta
                                }
                                sums[cluster[other]] += squared.squareRoot()
                            }
                            let own = cluster[index]
                            // A point alone in its cluster scores 0, as in Rousseeuw's definition.
                            guard sizes[own] > 1 else { continue }
                            let cohesion = sums[own] / Double(sizes[own] - 1)
                            var separation = Double.infinity
                            for c in 0..<k where c != own && sizes[c] > 0 { separation = min(separation, sums[c] / Double(sizes[c])) }
                            if separation == .infinity { separation = 0 }
                            let scale = max(cohesion, separation)
                            total += scale > 0 ? (separation - cohesion) / scale : 0
                        }
                        output[part] = total
                    }
                }
            }
        }
        return partial.reduce(0, +) / Double(count)
    }
}
