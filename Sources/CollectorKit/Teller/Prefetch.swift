import Foundation

/// Calls `read` one step ahead on a thread of its own: `next` hands over what the previous read made and starts the
/// next read, so a reader and its caller work at the same time. `read` runs on one thread at a time, in order.
final class Prefetch<Value>: @unchecked Sendable {
    private let read: () throws -> Value?
    private let queue = DispatchQueue(label: "prefetch")
    // Written on `queue`, read after waiting for it.
    private var pending: Result<Value?, any Error>?

    init(_ read: @escaping () throws -> Value?) {
        self.read = read
        start()
    }

    func next() throws -> Value? {
        queue.sync {}
        let value = try pending!.get()
        if value != nil { start() }
        return value
    }

    private func start() {
        queue.async { self.pending = Result { try self.read() } }
    }
}
