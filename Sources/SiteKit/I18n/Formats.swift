import Foundation

/// Dates, numbers and amounts written the way each language writes them.
struct Formats: Sendable {
    let locale: Locale
    let timeZone: TimeZone

    init(language: String, timeZone: TimeZone) {
        locale = Locale(identifier: language)
        self.timeZone = timeZone
    }

    func date(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: locale, timeZone: timeZone))
    }

    /// The date and time; the date alone when it is midnight here, as a date written without a time is.
    func dateTime(_ date: Date) -> String {
        if isMidnight(date) { return self.date(date) }
        return date.formatted(Date.FormatStyle(date: .long, time: .shortened, locale: locale, timeZone: timeZone))
    }

    /// The last day a window ending at `end` includes: a window closing as a day starts ends the day before.
    func lastDay(_ end: Date) -> String { date(end.addingTimeInterval(-1)) }

    /// A window's end as people read it: its last whole day when it closes as a day starts (a `closes` or `end`
    /// written without a time), else the date and time it closes; every page words a window's end with this.
    func until(_ end: Date) -> String { isMidnight(end) ? lastDay(end) : dateTime(end) }

    private func isMidnight(_ date: Date) -> Bool {
        (Int(date.timeIntervalSince1970) + timeZone.secondsFromGMT(for: date)) % 86400 == 0
    }

    func number(_ value: Int) -> String { value.formatted(.number.locale(locale)) }

    func number(_ value: Double) -> String { value.formatted(.number.locale(locale)) }

    /// An amount in `currency` (ISO 4217), without cents when the amount is whole.
    func money(_ value: Double, currency: String) -> String {
        let style = Decimal.FormatStyle.Currency(code: currency, locale: locale)
        let decimal = Decimal(value)
        return value == value.rounded() ? decimal.formatted(style.precision(.fractionLength(0))) : decimal.formatted(style)
    }

    /// Machine-readable timestamp for `<time datetime>` and feeds.
    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
