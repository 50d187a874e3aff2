import Foundation

/// ISO 8601 UTC timestamps to the second (`2026-11-26T15:00:00Z`), the only spelling a ballot's `issued=` takes.
///
/// Written with the civil-date arithmetic rather than a formatter so the text never depends on locale,
/// calendar settings or the platform's Foundation.
public enum UTCSecond {
    public static func format(_ date: Date) -> String { format(date, milliseconds: false) }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`: with milliseconds, so rows of one second keep their order when files are merged.
    public static func formatMilliseconds(_ date: Date) -> String { format(date, milliseconds: true) }

    /// Written byte by byte: every stored submission gets one, and string concatenation cost more than the rest of its row.
    private static func format(_ date: Date, milliseconds: Bool) -> String {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        let seconds = Int64(whole)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let millis = Int64((interval - whole) * 1000)
        guard (0...9999).contains(year) else {
            let fraction = milliseconds ? "." + pad(millis, 3) : ""
            return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
                + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + fraction + "Z"
        }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var index = 0
            func digits(_ value: Int64, _ width: Int) {
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[index + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += width
            }
            func byte(_ character: Unicode.Scalar) {
                buffer[index] = UInt8(ascii: character)
                index += 1
            }
            digits(year, 4); byte("-"); digits(month, 2); byte("-"); digits(day, 2); byte("T")
            digits(secondOfDay / 3600, 2); byte(":"); digits(secondOfDay / 60 % 60, 2); byte(":"); digits(secondOfDay % 60, 2)
            if milliseconds {
                byte(".")
                digits(millis, 3)
            }
            byte("Z")
            return index
        }
    }

    /// `date` as HTTP's IMF-fixdate (`Fri, 27 Nov 2026 07:00:00 GMT`), for `Date` headers.
    public static func httpDate(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        // 1970-01-01 was a Thursday.
        let weekday = Int(((days % 7) + 11) % 7)
        return weekdays[weekday] + ", " + pad(day, 2) + " " + months[Int(month) - 1] + " " + pad(year, 4) + " "
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + " GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date `text` names, or nil unless it is exactly `YYYY-MM-DDTHH:MM:SSZ` with a real date and time.
    public static func parse(_ text: String) -> Date? { parse(Array(text.utf8)[...]) }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> Date? {
        // Offsets from the slice's start: a copy to rebase them cost an allocation per ballot counted.
        let at = { (offset: Int) in bytes[bytes.startIndex + offset] }
        let digits = { (from: Int, to: Int) in number(bytes[(bytes.startIndex + from)..<(bytes.startIndex + to)]) }
        guard bytes.count == 20, at(4) == UInt8(ascii: "-"), at(7) == UInt8(ascii: "-"), at(10) == UInt8(ascii: "T"),
              at(13) == UInt8(ascii: ":"), at(16) == UInt8(ascii: ":"), at(19) == UInt8(ascii: "Z"),
              let year = digits(0, 4), let month = digits(5, 7), let day = digits(8, 10),
              let hour = digits(11, 13), let minute = digits(14, 16), let second = digits(17, 19),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `date` with its fraction of a second dropped.
    public static func truncate(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    public static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
