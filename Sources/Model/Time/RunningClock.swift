import Foundation

/// A clock set to a chosen time that then runs on at the real pace, so a rehearsal's rows keep their real order.
public struct RunningClock: Sendable {
    private let start: Date
    private let realStart: Date
    private let real: @Sendable () -> Date

    public init(startingAt start: Date, real: @escaping @Sendable () -> Date = { Date() }) {
        self.start = start
        self.real = real
        self.realStart = real()
    }

    public func now() -> Date { start.addingTimeInterval(real().timeIntervalSince(realStart)) }
}
