import Foundation
import Logging

/// Tells the operator why submissions were answered `unavailable`: at most one line a second, with how many were
/// refused since the last one, since a full disk fails every batch and a line for each would bury everything else.
public final class StorageFailureLog: @unchecked Sendable {
    private let logger: Logger
    private let uptimeNanoseconds: @Sendable () -> UInt64
    private let lock = NSLock()
    // Guarded by `lock`.
    private var refused = 0
    private var lastLine: UInt64?

    public init(logger: Logger, uptimeNanoseconds: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.logger = logger
        self.uptimeNanoseconds = uptimeNanoseconds
    }

    /// Counts `records` refused because of `error`, and logs if the last line is a second old.
    public func record(_ records: Int, _ error: any Error) {
        let now = uptimeNanoseconds()
        let due: Int? = lock.withLock {
            refused += records
            if let lastLine, now - lastLine < 1_000_000_000 { return nil }
            lastLine = now
            defer { refused = 0 }
            return refused
        }
        guard let due else { return }
        logger.error("could not store submissions; \(due) answered 503 (unavailable) since the last such line",
                     metadata: ["error": "\(error)"])
    }
}
