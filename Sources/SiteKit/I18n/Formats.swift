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
        let offset = timeZone.secondsFromGMT(for: date)
        let local = (Int(date.timeIntervalSince1970) + offset) % 86400
        if local == 0 { return self.date(date) }
        return date.formatted(Date.FormatStyle(date: .long, time: .shortened, locale: locale, timeZone: timeZone))
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
