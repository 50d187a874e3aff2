import HTTPTypes
import NIOHTTP1

extension HTTPHeaders {
    /// The value of the field `name` (lowercase) as `HTTPFields` gives it: several fields of one name joined by
    /// commas, so both paths read a request's headers alike.
    func value(_ name: String) -> String? {
        var first: String?
        var more: [String] = []
        for (field, value) in self where Self.sameName(field, name) {
            if first == nil { first = value } else { more.append(value) }
        }
        guard let first else { return nil }
        return more.isEmpty ? first : ([first] + more).joined(separator: ", ")
    }

    /// These headers as HTTP types, for the answers the router and this channel share (refusals, languages).
    var fields: HTTPFields {
        var fields = HTTPFields()
        fields.reserveCapacity(count)
        for (name, value) in self {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return fields
    }

    private static func sameName(_ field: String, _ lowercased: String) -> Bool {
        var field = field
        var lowercased = lowercased
        return field.withUTF8 { bytes in
            lowercased.withUTF8 { expected in
                bytes.count == expected.count && zip(bytes, expected).allSatisfy { byte, expected in
                    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 == expected : byte == expected
                }
            }
        }
    }
}
