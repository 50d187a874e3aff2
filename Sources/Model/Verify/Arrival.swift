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
        // One pass without arrays: this runs for every ballot, nearly always with one sighting.
        var (readable, possible) = (false, false)
        var first: Date?
        for case let time? in received {
            readable = true
            guard time.addingTimeInterval(tolerance) >= issued else { continue }
            possible = true
            if form.isOpen(at: time, tolerance: tolerance), first.map({ time < $0 }) ?? true { first = time }
        }
        guard readable else { return .unreadable }
        guard possible else { return .issuedAfterReceived }
        guard let first else { return .outsideWindow }
        return .inWindow(first)
    }

    /// Whether the sightings tell one story: all possible and all on the same side of the window.
    public static func agrees(issued: Date, received: [Date?], form: FormSpec, tolerance: TimeInterval) -> Bool {
        var open: Bool?
        for time in received {
            guard let time, time.addingTimeInterval(tolerance) >= issued else { return false }
            let inside = form.isOpen(at: time, tolerance: tolerance)
            if let open, open != inside { return false }
            open = inside
        }
        return true
    }
}
