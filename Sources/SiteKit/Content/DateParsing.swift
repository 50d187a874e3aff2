import Foundation
import Model

/// Parses the date forms communicators write: `2026-03-01`, `2026-03-01 18:00`, `2026-03-01T18:00:00Z`,
/// `2026-03-01T18:00:00+02:00`. Hand-written because it runs once per page and formatters are costly.
enum DateParsing {
    /// Dates without an offset are in `timeZone` (UTC when nil), daylight saving included.
    static func parse(_ text: String, timeZone: TimeZone? = nil) -> Date? { parse(text, timeZone: timeZone, wholeDay: false) }

    /// The instant a window ending at `text` closes: a date without a time means the whole of that day, so its
    /// window closes when the next day starts in `timeZone`; a date with a time closes at that time.
    static func parseEnd(_ text: String, timeZone: TimeZone? = nil) -> Date? { parse(text, timeZone: timeZone, wholeDay: true) }

    private static func parse(_ text: String, timeZone: TimeZone?, wholeDay: Bool) -> Date? {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = 0
        var offset: Int?
        var index = 10
        if index == bytes.count, wholeDay { seconds = 86400 }
        if index < bytes.count {
            guard bytes[index] == 84 || bytes[index] == 32, let hour = number(index + 1, 2), bytes.count > index + 5,
                  bytes[index + 3] == 58, let minute = number(index + 4, 2), hour < 24, minute < 60 else { return nil }
            seconds = hour * 3600 + minute * 60
            index += 6
            if index < bytes.count, bytes[index] == 58 {
                guard let second = number(index + 1, 2), second < 61 else { return nil }
                seconds += second
                index += 3
            }
            if index < bytes.count, bytes[index] == 46 {
                index += 1
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            }
            if index < bytes.count {
                if bytes[index] == 90, index == bytes.count - 1 {
                    offset = 0
                } else if bytes[index] == 43 || bytes[index] == 45, let h = number(index + 1, 2), let m = number(index + 4, 2), bytes.count == index + 6 {
                    offset = (h * 3600 + m * 60) * (bytes[index] == 43 ? 1 : -1)
                } else {
                    return nil
                }
            }
        }
        let wallClock = Int(UTCSecond.days(fromCivil: Int64(year), Int64(month), Int64(day))) * 86400 + seconds
        if let offset { return Date(timeIntervalSince1970: TimeInterval(wallClock - offset)) }
        guard let timeZone else { return Date(timeIntervalSince1970: TimeInterval(wallClock)) }
        let guess = Date(timeIntervalSince1970: TimeInterval(wallClock))
        let first = timeZone.secondsFromGMT(for: guess)
        let corrected = Date(timeIntervalSince1970: TimeInterval(wallClock - first))
        let second = timeZone.secondsFromGMT(for: corrected)
        return second == first ? corrected : Date(timeIntervalSince1970: TimeInterval(wallClock - second))
    }
}
