import Foundation

/// Counters and histograms for `GET /metrics`, in the Prometheus text format.
public final class CollectorMetrics: @unchecked Sendable {
    private static let batchBounds: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
    private static let latencyBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    private let lock = NSLock()
    // Guarded by `lock`.
    private var accepted = 0
    private var duplicates = 0
    private var rejected: [String: Int] = [:]
    private var batchSizes = Histogram(bounds: CollectorMetrics.batchBounds)
    private var commitSeconds = Histogram(bounds: CollectorMetrics.latencyBounds)

    public init() {}

    public func recordAccepted(duplicate: Bool) {
        lock.withLock {
            accepted += 1
            if duplicate { duplicates += 1 }
        }
    }

    public func recordRejected(_ code: RefusalCode) {
        lock.withLock { rejected[code.rawValue, default: 0] += 1 }
    }

    public func recordCommit(batchSize: Int, seconds: Double) {
        lock.withLock {
            batchSizes.observe(Double(batchSize))
            commitSeconds.observe(seconds)
        }
    }

    /// The exposition text; `queueDepth` and `storageFailure` (why storage failed, if it has) are read by the
    /// caller at the moment of the scrape.
    public func render(queueDepth: Int, storageFailure: StorageFailure.Reason?) -> String {
        lock.withLock {
            var out = """
                # HELP collector_submissions_accepted_total Submissions stored or found already stored.
                # TYPE collector_submissions_accepted_total counter
                collector_submissions_accepted_total \(accepted)
                # HELP collector_submissions_duplicate_total Accepted submissions that were already stored.
                # TYPE collector_submissions_duplicate_total counter
                collector_submissions_duplicate_total \(duplicates)
                # HELP collector_submissions_rejected_total Refused requests by error code.
                # TYPE collector_submissions_rejected_total counter

                """
            for code in RefusalCode.allCases {
                out += "collector_submissions_rejected_total{reason=\"\(code.rawValue)\"} \(rejected[code.rawValue] ?? 0)\n"
            }
            out += batchSizes.render(name: "collector_commit_batch_size", help: "Submissions per committed transaction.")
            out += commitSeconds.render(name: "collector_commit_seconds", help: "Time from a batch's first insert until it is durable (commit and fsync included).")
            out += """
                # HELP collector_queue_depth Submissions waiting for the writer.
                # TYPE collector_queue_depth gauge
                collector_queue_depth \(queueDepth)
                # HELP collector_storage_failed 1 for the storage call that failed; from then on nothing is acknowledged until the disk is checked and the collector restarted.
                # TYPE collector_storage_failed gauge

                """
            for reason in StorageFailure.Reason.allCases {
                out += "collector_storage_failed{reason=\"\(reason.rawValue)\"} \(reason == storageFailure ? 1 : 0)\n"
            }
            return out
        }
    }
}

private struct Histogram {
    let bounds: [Double]
    var counts: [Int]
    var sum = 0.0
    var total = 0

    init(bounds: [Double]) {
        self.bounds = bounds
        self.counts = Array(repeating: 0, count: bounds.count)
    }

    mutating func observe(_ value: Double) {
        if let index = bounds.firstIndex(where: { value <= $0 }) { counts[index] += 1 }
        sum += value
        total += 1
    }

    func render(name: String, help: String) -> String {
        var out = "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
        var cumulative = 0
        for (bound, count) in zip(bounds, counts) {
            cumulative += count
            out += "\(name)_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        out += "\(name)_bucket{le=\"+Inf\"} \(total)\n\(name)_sum \(sum)\n\(name)_count \(total)\n"
        return out
    }
}
