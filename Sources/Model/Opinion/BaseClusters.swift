/// Pol.is's first level of clustering: the participants' points gathered into at most 100 base clusters, whose
/// centres, weighted by their sizes, are what the opinion groups are then made of.
struct BaseClusters: Equatable {
    /// Centres of the clusters that have members, in the k-means run's order.
    let centres: [[Double]]
    let sizes: [Int]
    /// For each point, the index of its base cluster.
    let clusterOfPoint: [Int]

    static let maximumCount = 100
    /// One k-means++ run: base clusters only summarise the points finely, so the restarts that matter are the groups'.
    private static let restarts = 1

    init(points: [[Double]], seed: UInt64) {
        var distinct = Set<[Double]>()
        for point in points where distinct.count <= Self.maximumCount { distinct.insert(point) }
        var k = min(Self.maximumCount, distinct.count)
        var clustering: KMeans?
        let weights = [Double](repeating: 1, count: points.count)
        while k > 0 && clustering == nil {
            // Points a hair apart can leave k-means++ nothing to draw from; fewer clusters then do.
            clustering = KMeans.best(points: points, weights: weights, k: k, restarts: Self.restarts, seed: seed)
            k -= 1
        }
        guard let clustering else {
            self.init(centres: [], sizes: [], clusterOfPoint: [])
            return
        }
        var sizes = [Int](repeating: 0, count: clustering.centres.count)
        for cluster in clustering.assignments { sizes[cluster] += 1 }
        let used = sizes.indices.filter { sizes[$0] > 0 }
        var renumbered = [Int](repeating: 0, count: sizes.count)
        for (index, cluster) in used.enumerated() { renumbered[cluster] = index }
        self.init(centres: used.map { clustering.centres[$0] }, sizes: used.map { sizes[$0] },
                  clusterOfPoint: clustering.assignments.map { renumbered[$0] })
    }

    private init(centres: [[Double]], sizes: [Int], clusterOfPoint: [Int]) {
        self.centres = centres
        self.sizes = sizes
        self.clusterOfPoint = clusterOfPoint
    }

    var count: Int { centres.count }
}
