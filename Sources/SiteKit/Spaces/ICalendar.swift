import Foundation
import Model

/// iCalendar (RFC 5545) files: one per meeting and one per space with all its meetings and phases.
enum ICalendar {
    struct Event {
        let uid: String
        let start: Date
        let end: Date?
        /// The time zone whose whole days an all-day event covers (a phase's); nil for a timed event (a meeting).
        let allDayZone: TimeZone?
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
            if let zone = event.allDayZone {
                lines.append("DTSTART;VALUE=DATE:" + day(event.start, in: zone))
                // DTEND of an all-day event is the first day it does not cover: the day after its last day.
                if let end = event.end { lines.append("DTEND;VALUE=DATE:" + day(end.addingTimeInterval(-1), in: zone, after: 1)) }
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

    /// `20260610T233000Z`: the basic form of the UTC timestamp ballots use.
    static func utc(_ date: Date) -> String {
        UTCSecond.format(date).filter { $0 != "-" && $0 != ":" }
    }

    /// `20260501`: the day `date` falls on in `zone`, or the day `days` later.
    static func day(_ date: Date, in zone: TimeZone, after days: Int = 0) -> String {
        String(utc(date.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: date) + days * 86_400))).prefix(8))
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
