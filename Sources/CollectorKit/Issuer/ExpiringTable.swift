import Foundation
import NIOConcurrencyHelpers

/// Values kept in memory under random keys until taken once or expired, at most `capacity` at a time: the pending
/// logins and the grants. Nothing here survives a restart, which only costs a login in progress.
final class ExpiringTable<Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let expiry: Date
    }

    let lifetime: TimeInterval
    let capacity: Int
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    init(lifetime: TimeInterval, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Keeps `value` under `key` until `now` plus the lifetime; false when the table is full of live entries.
    func insert(_ value: Value, key: String, now: Date) -> Bool {
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries = entries.filter { $0.value.expiry > now } }
            guard entries.count < capacity else { return false }
            entries[key] = Entry(value: value, expiry: now.addingTimeInterval(lifetime))
            return true
        }
    }

    /// The value under `key`, removed so that it is used once; nil when unknown, used or expired.
    func take(_ key: String, now: Date) -> Value? {
        entries.withLockedValue { entries in
            guard let entry = entries.removeValue(forKey: key), entry.expiry > now else { return nil }
            return entry.value
        }
    }
}
