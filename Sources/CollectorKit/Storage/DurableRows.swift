import Foundation

/// The highest row id known to be on disk. Readers (receipt checks, running counts) see rows up to it only: the
/// writer's commits become visible to other connections before `WALSync` has made them durable, and a participant
/// must never be told a ballot is stored that a power cut could still erase.
final class DurableRows: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var last: Int64

    init(upTo rowID: Int64) {
        last = rowID
    }

    var upTo: Int64 { lock.withLock { last } }

    func advance(to rowID: Int64) {
        lock.withLock { last = max(last, rowID) }
    }
}
