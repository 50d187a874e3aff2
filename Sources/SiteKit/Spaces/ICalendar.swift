import Foundation

/// iCalendar (RFC 5545) files: one per meeting and one per space with all its meetings and phases.
enum ICalendar {
    struct Event {
        let uid: String
        let start: Date
        let end: Date?
        let allDay: Bool
        let summary: String
        let location: String?
        let url: String?
        let description: String?
    }

    static func file(_ events: [Event], name: String, stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//open-consultations//sitegen//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + escape(name)]
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + event.uid)
            lines.append("DTSTAMP:" + utc(stamp))
            if event.allDay {
                lines.append("DTSTART;VALUE=DATE:" + day(event.start))
                if let end = event.end { lines.append("DTEND;VALUE=DATE:" + day(end)) }
            } else {
                lines.append("DTSTART:" + utc(event.start))
                lines.append("DTEND:" + utc(event.end ?? event.start.addingTimeInterval(3600)))
            }
            lines.append("SUMMARY:" + escape(event.summary))
            if let location = event.location { lines.append("LOCATION:" + escape(location)) }
            if let url = event.url { lines.append("URL:" + url) }
            if let description = event.description { lines.append("DESCRIPTION:" + escape(description)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let (y, m, d) = civil(days)
        let rest = seconds - days * 86400
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", y, m, d, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    static func day(_ date: Date) -> String { String(utc(date).prefix(8)) }

    /// Year, month and day of a day count since 1970 (inverse of `DateParsing.daysFromCivil`).
    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space, without splitting a character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
