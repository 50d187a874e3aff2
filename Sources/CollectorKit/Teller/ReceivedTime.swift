import Foundation
import Model

/// `received_at` as the collector writes it (`2026-11-26T15:00:00.123Z`) and reads it back.
enum ReceivedTime {
    /// The time, or nil unless the text is an ISO 8601 UTC time with or without a fraction of a second.
    static func parse(_ text: String) -> Date? {
        var bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        // The whole seconds read in place as `UTCSecond`'s own form, where a joined copy allocated once more per ballot.
        let separator = bytes[19]
        bytes[19] = UInt8(ascii: "Z")
        guard let seconds = UTCSecond.parse(bytes[0..<20]) else { return nil }
        guard bytes.count > 20 else { return seconds }
        guard separator == UInt8(ascii: "."), bytes.count > 21 else { return nil }
        var fraction = 0.0
        var scale = 0.1
        for byte in bytes[20..<(bytes.count - 1)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            fraction += Double(byte - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return seconds.addingTimeInterval(fraction)
    }
}
