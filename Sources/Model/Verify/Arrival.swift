import Foundation

/// When a ballot arrived, judged from every collector's claim about it (its sightings), none of them trusted alone.
///
/// A sighting is a file's claim, and a hostile file may claim anything; the ballot's `issued` time is signed. So a
/// sighting that says the ballot was received before it was signed (beyond the clock tolerance) is impossible and
/// set aside, and the ballot counts when any remaining sighting falls inside the form's window: a copy backdated or
/// postdated by another file can neither push an honest ballot out of its window nor let a ballot claim a future.
public enum Arrival: Equatable, Sendable {
    /// Received inside the window; the earliest such time, which the count uses.
    case inWindow(Date)
    /// Every possible sighting is outside the window.
    case outsideWindow
    /// Every sighting says it was received before the ballot says it was signed: the `issued` time lies.
    case issuedAfterReceived
    /// No sighting has a readable time.
    case unreadable

    /// Judges `received` (one time per sighting; nil where unreadable) for a ballot signed at `issued`.
    public static func judge(issued: Date, received: [Date?], form: FormSpec, tolerance: TimeInterval) -> Arrival {
        let times = received.compactMap { $0 }
        guard !times.isEmpty else { return .unreadable }
        let possible = times.filter { $0.addingTimeInterval(tolerance) >= issued }
        guard !possible.isEmpty else { return .issuedAfterReceived }
        guard let first = possible.filter({ form.isOpen(at: $0, tolerance: tolerance) }).min() else { return .outsideWindow }
        return .inWindow(first)
    }

    /// Whether the sightings tell one story: all possible and all on the same side of the window.
    public static func agrees(issued: Date, received: [Date?], form: FormSpec, tolerance: TimeInterval) -> Bool {
        let times = received.compactMap { $0 }
        guard times.count == received.count else { return false }
        guard times.allSatisfy({ $0.addingTimeInterval(tolerance) >= issued }) else { return false }
        return Set(times.map { form.isOpen(at: $0, tolerance: tolerance) }).count <= 1
    }
}
