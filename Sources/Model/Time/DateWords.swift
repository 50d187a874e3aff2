import Foundation

/// Dates written the way one language writes them, in one time zone: the pages and the printed code cards word a
/// window's end alike.
public struct DateWords: Sendable {
    public let locale: Locale
    public let timeZone: TimeZone

    public init(language: String, timeZone: TimeZone) {
        locale = Locale(identifier: language)
        self.timeZone = timeZone
    }

    public func date(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: locale, timeZone: timeZone))
    }

    /// The date and time; the date alone when it is midnight here, as a date written without a time is.
    public func dateTime(_ date: Date) -> String {
        if isMidnight(date) { return self.date(date) }
        return date.formatted(Date.FormatStyle(date: .long, time: .shortened, locale: locale, timeZone: timeZone))
    }

    /// The last day a window ending at `end` includes: a window closing as a day starts ends the day before.
    public func lastDay(_ end: Date) -> String { date(end.addingTimeInterval(-1)) }

    /// A window's end as people read it: its last whole day when it closes as a day starts (a `closes` or `end`
    /// written without a time), else the date and time it closes.
    public func until(_ end: Date) -> String { isMidnight(end) ? lastDay(end) : dateTime(end) }

    private func isMidnight(_ date: Date) -> Bool {
        (Int(date.timeIntervalSince1970) + timeZone.secondsFromGMT(for: date)) % 86400 == 0
    }
}
