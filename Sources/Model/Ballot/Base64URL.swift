/// Base64url without padding (RFC 4648 §5), the wire form of keys, signatures and nonces.
///
/// Written out rather than through Foundation's standard base64 so that every submission does not pay for
/// alphabet substitutions on strings.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(index) }
        return table
    }()

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            out += [alphabet[Int(chunk >> 18 & 63)], alphabet[Int(chunk >> 12 & 63)], alphabet[Int(chunk >> 6 & 63)], alphabet[Int(chunk & 63)]]
            index += 3
        }
        switch input.count - index {
        case 1:
            let chunk = UInt32(input[index]) << 16
            out += [alphabet[Int(chunk >> 18 & 63)], alphabet[Int(chunk >> 12 & 63)]]
        case 2:
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            out += [alphabet[Int(chunk >> 18 & 63)], alphabet[Int(chunk >> 12 & 63)], alphabet[Int(chunk >> 6 & 63)]]
        default:
            break
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`, or nil unless `text` is exactly what `encode` writes for them (no padding, no
    /// whitespace, no standard-alphabet characters, zero unused bits), so each value has one spelling.
    public static func decode(_ text: String) -> [UInt8]? {
        // On the string's contiguous bytes: iterating its UTF-8 view costs more than the decoding itself.
        var text = text
        return text.withUTF8 { decode($0) }
    }

    public static func decode(_ symbols: some Collection<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(symbols.count * 3 / 4)
        return walk(symbols) { out.append($0) } ? out : nil
    }

    /// How many bytes `symbols` spell, checked as `decode` checks them, without making them: a roll's million keys
    /// are checked so.
    public static func decodedCount(_ symbols: some Collection<UInt8>) -> Int? {
        var count = 0
        return walk(symbols) { _ in count += 1 } ? count : nil
    }

    /// Hands each byte `symbols` spell to `emit`; false when they are not exactly what `encode` writes.
    private static func walk(_ symbols: some Collection<UInt8>, _ emit: (UInt8) -> Void) -> Bool {
        guard symbols.count % 4 != 1 else { return false }
        var accumulator: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            let value = values[Int(symbol)]
            guard value != 0xFF else { return false }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                emit(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Leftover bits must be zero, or two spellings would decode to the same bytes.
        return accumulator == 0
    }
}
