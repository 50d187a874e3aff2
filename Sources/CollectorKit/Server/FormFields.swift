/// `application/x-www-form-urlencoded` as browsers send it, read strictly: every name and value must
/// percent-decode to valid UTF-8.
enum FormFields {
    static func parse(_ bytes: [UInt8]) -> Result<[(name: String, value: String)], Refusal> {
        var fields: [(name: String, value: String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first, let nameBytes = decode(rawName), !nameBytes.isEmpty else {
                return .failure(Refusal(.invalidFormData))
            }
            guard let valueBytes = parts.count == 2 ? decode(parts[1]) : [] else { return .failure(Refusal(.invalidFormData)) }
            guard let name = String(validating: nameBytes, as: UTF8.self), let value = String(validating: valueBytes, as: UTF8.self) else {
                return .failure(Refusal(.invalidUTF8))
            }
            fields.append((name, value))
        }
        return .success(fields)
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.endIndex, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) else { return nil }
                out.append(high << 4 | low)
                index += 2
            default:
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
