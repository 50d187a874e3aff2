import Foundation
import Model

/// Dates, numbers and amounts written the way each language writes them.
struct Formats: Sendable {
    let locale: Locale
    let timeZone: TimeZone

    let dates: DateWords

    init(language: String, timeZone: TimeZone) {
        locale = Locale(identifier: language)
        self.timeZone = timeZone
        dates = DateWords(language: language, timeZone: timeZone)
    }

    func date(_ date: Date) -> String { dates.date(date) }
    func dateTime(_ date: Date) -> String { dates.dateTime(date) }
    func lastDay(_ end: Date) -> String { dates.lastDay(end) }
    /// Every page words a window's end with this (DateWords.until).
    func until(_ end: Date) -> String { dates.until(end) }

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
