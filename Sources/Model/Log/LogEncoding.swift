/// The fixed-width, big-endian and length-prefixed fields that logged leaves and signed messages are made of, so that
/// each sequence of bytes reads back as one set of values only.
enum LogEncoding {
    /// A collector id's UTF-8 must fit its two-byte length, and an empty one would name no collector.
    static func isValidCollectorID(_ collectorID: String) -> Bool {
        (1...Int(UInt16.max)).contains(collectorID.utf8.count)
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// Two bytes of length, big-endian, then the UTF-8; the caller has checked `isValidCollectorID`.
    static func append(collectorID: String, to bytes: inout [UInt8]) {
        let utf8 = Array(collectorID.utf8)
        bytes.append(UInt8(truncatingIfNeeded: utf8.count >> 8))
        bytes.append(UInt8(truncatingIfNeeded: utf8.count))
        bytes += utf8
    }
}
