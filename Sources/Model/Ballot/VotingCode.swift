/// A voting code: 24 Crockford base32 data symbols (120 bits) and a Damm check symbol, printed
/// `XXXXX-XXXXX-XXXXX-XXXXX-XXXXC` (docs/BALLOT.md). Only the data symbols go into the key.
public struct VotingCode: Hashable, Sendable {
    public static let dataLength = 24
    public static let length = dataLength + 1
    /// 24 symbols of 5 bits.
    static let randomByteCount = 15

    /// The 24 normalised data symbols: the key derivation's input.
    public let data: String
    public let checkSymbol: Character

    /// A code from its 24 data symbol values (each 0...31); the check symbol is computed.
    public init(values: [UInt8]) {
        precondition(values.count == Self.dataLength && values.allSatisfy { $0 < 32 }, "a voting code has 24 values of 5 bits")
        data = String(values.map(CrockfordBase32.symbol))
        checkSymbol = CrockfordBase32.symbol(DammCheck.check(values))
    }

    /// The code `text` spells, as a participant may type it: any case, spaces and hyphens anywhere, `I`/`L` for `1`
    /// and `O` for `0`. Throws which rule it breaks: a character outside the alphabet, the length, or the check symbol.
    public init(parsing text: String) throws(VotingCodeError) {
        var values: [UInt8] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar == " " || scalar == "-" { continue }
            guard let value = CrockfordBase32.value(of: scalar) else {
                throw .invalidCharacter(Character(scalar), position: offset + 1)
            }
            values.append(value)
        }
        guard values.count == Self.length else { throw .wrongLength(values.count) }
        let data = Array(values.prefix(Self.dataLength))
        guard DammCheck.check(data) == values[Self.dataLength] else { throw .checkMismatch }
        self.init(values: data)
    }

    /// A fresh code of 120 random bits; `randomBytes(n)` must return `n` uniformly random bytes.
    public static func generate(randomBytes: (Int) -> [UInt8]) -> VotingCode {
        let bytes = randomBytes(randomByteCount)
        precondition(bytes.count == randomByteCount, "the random source returned \(bytes.count) bytes, not \(randomByteCount)")
        var values: [UInt8] = []
        values.reserveCapacity(dataLength)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                values.append(UInt8(accumulator >> UInt32(bits) & 31))
            }
        }
        return VotingCode(values: values)
    }

    /// All 25 symbols without separators.
    public var normalized: String { data + String(checkSymbol) }

    /// Five groups of five for printing: `ABCDE-FGHJK-MNPQR-STVWX-YZ016`.
    public var grouped: String {
        let symbols = Array(normalized)
        return stride(from: 0, to: symbols.count, by: 5).map { String(symbols[$0..<min($0 + 5, symbols.count)]) }.joined(separator: "-")
    }
}

/// Why a typed voting code was refused; `code` is the same name the page's script reports.
public enum VotingCodeError: Error, Equatable, CustomStringConvertible {
    /// A character that is not in the code alphabet; `position` counts the typed characters from 1.
    case invalidCharacter(Character, position: Int)
    /// Not 25 symbols once spaces and hyphens are dropped.
    case wrongLength(Int)
    /// The last symbol is not the check symbol of the others: a symbol is mistyped or two are swapped.
    case checkMismatch

    public var code: String {
        switch self {
        case .invalidCharacter: return "invalid_character"
        case .wrongLength: return "wrong_length"
        case .checkMismatch: return "check_mismatch"
        }
    }

    public var description: String {
        switch self {
        case .invalidCharacter(let character, let position):
            return "character \(position) (`\(character)`) is not used in voting codes: they have the digits and the letters other than U"
        case .wrongLength(let count):
            return "a voting code has \(VotingCode.length) letters and digits, this one has \(count): check that none is missing or doubled"
        case .checkMismatch:
            return "the code has a typing mistake (its last symbol does not match the others): check each character against the letter"
        }
    }
}
