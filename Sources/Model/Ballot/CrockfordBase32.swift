/// Crockford's base32 symbols as voting codes use them: `0-9 A-Z` without `I L O U`.
public enum CrockfordBase32 {
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    private static let alphabetBytes = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The value (0...31) of a symbol as typed, reading lowercase as uppercase, `I` and `L` as `1`, `O` as `0`;
    /// nil for `U` and anything else.
    public static func value(of scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.isASCII else { return nil }
        var byte = UInt8(scalar.value)
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { byte -= 32 }
        switch byte {
        case UInt8(ascii: "I"), UInt8(ascii: "L"): return 1
        case UInt8(ascii: "O"): return 0
        default: return alphabetBytes.firstIndex(of: byte).map(UInt8.init)
        }
    }

    public static func symbol(_ value: UInt8) -> Character { alphabet[Int(value & 31)] }
}
