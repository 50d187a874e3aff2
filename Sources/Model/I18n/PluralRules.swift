/// A CLDR plural category.
public enum PluralCategory: String, CaseIterable, Sendable {
    case zero, one, two, few, many, other
}

/// The plural operands of CLDR (n, i, v, w, f, t, c/e) for a number as written.
///
/// Operands follow the way a number is written, not only its value: "1" and "1.0" differ in `v`, which is why
/// English says "1 vote" but "1.0 votes". See UTS #35, Part 3, "Plural Operand Meanings". An integer operand
/// longer than 18 digits keeps only its last 17 exactly, which is all any CLDR rule looks at.
public struct PluralOperands: Sendable, Equatable {
    /// The absolute value, as a Double for display or logging; the rules read the exact `i`, `f` and `t`.
    public let n: Double
    /// The integer digits of `n`.
    public let i: Int
    /// The number of visible fraction digits, trailing zeros included.
    public let v: Int
    /// The number of visible fraction digits, trailing zeros left out.
    public let w: Int
    /// The visible fraction digits as an integer, trailing zeros included.
    public let f: Int
    /// The visible fraction digits as an integer, trailing zeros left out.
    public let t: Int
    /// The exponent of compact notation: 3 for "1.2c3", which English shows as "1.2K".
    public let c: Int

    /// CLDR's other name for `c`, the one its current rules are written with.
    public var e: Int { c }

    /// Operands of a decimal string such as "3", "-1.50" or "1.2c6" (compact notation for 1.2 million).
    ///
    /// - Precondition: `text` is an optional sign, digits with at most one ".", and an optional exponent of
    ///   digits after "c" or "e".
    public init(_ text: String) {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" {
            body = body.dropFirst()
        }
        var exponent = 0
        if let marker = body.firstIndex(where: { "cCeE".contains($0) }) {
            let digits = body[body.index(after: marker)...]
            guard Self.isDigits(digits), let value = Int(digits) else {
                preconditionFailure("Malformed plural operand: \(text)")
            }
            exponent = value
            body = body[..<marker]
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        precondition(
            Self.isDigits(integer) && Self.isDigits(fraction) && !(integer.isEmpty && fraction.isEmpty),
            "Malformed plural operand: \(text)"
        )
        let digits = Self.movingDecimalPoint(integer: integer, fraction: fraction, by: exponent)
        self.init(integerDigits: digits.integer, fractionDigits: digits.fraction, exponent: exponent)
    }

    /// Operands of an integer: no fraction digits, no exponent.
    public init(_ int: Int) {
        self.init(integerDigits: String(int.magnitude), fractionDigits: "", exponent: 0)
    }

    /// Operands of a Double written out in full with the shortest digits that read back as the same value.
    ///
    /// A whole Double has no fraction digits, so `2.0` gets the operands of "2" (the string "2.0" does not), and
    /// `1e6` those of "1000000": a Double carries no compact exponent.
    ///
    /// - Precondition: `double` is finite.
    public init(_ double: Double) {
        precondition(double.isFinite, "Plural operands need a finite number, not \(double)")
        // Swift prints the shortest round-tripping digits, in exponent form ("1e-05", "1.5e+20") for very small
        // and very large magnitudes, and always with a fraction ("2.0").
        let printed = double.magnitude.description.split(separator: "e")
        let exponent = printed.count > 1 ? Int(printed[1])! : 0
        let mantissa = printed[0].split(separator: ".", omittingEmptySubsequences: false)
        let digits = Self.movingDecimalPoint(
            integer: mantissa[0], fraction: mantissa.count > 1 ? mantissa[1] : "", by: exponent
        )
        let fraction = digits.fraction.allSatisfy { $0 == "0" } ? "" : digits.fraction
        self.init(integerDigits: digits.integer, fractionDigits: fraction, exponent: 0)
    }

    private init(integerDigits: String, fractionDigits: String, exponent: Int) {
        var trimmedFraction = Substring(fractionDigits)
        while trimmedFraction.last == "0" {
            trimmedFraction = trimmedFraction.dropLast()
        }
        n = Double("\(integerDigits).\(fractionDigits.isEmpty ? "0" : fractionDigits)") ?? .infinity
        i = Self.operandValue(integerDigits)
        v = fractionDigits.count
        w = trimmedFraction.count
        f = Self.operandValue(fractionDigits)
        t = Self.operandValue(trimmedFraction)
        c = exponent
    }

    private static func isDigits(_ text: Substring) -> Bool {
        text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Shifts the decimal point of `integer.fraction` right by `places` (left when negative), padding with zeros.
    private static func movingDecimalPoint(
        integer: Substring, fraction: Substring, by places: Int
    ) -> (integer: String, fraction: String) {
        let digits = integer + fraction
        let point = integer.count + places
        if point <= 0 {
            return ("0", String(repeating: "0", count: -point) + digits)
        }
        if point >= digits.count {
            return (digits + String(repeating: "0", count: point - digits.count), "")
        }
        let split = digits.index(digits.startIndex, offsetBy: point)
        return (String(digits[..<split]), String(digits[split...]))
    }

    /// The value of a run of digits. More than 18 significant digits would overflow Int, so such a run keeps
    /// its last 17 digits under a leading 1: rules compare operands only with small numbers and take them modulo
    /// at most 1,000,000, which this preserves, while the leading 1 keeps a huge value from passing for a small one.
    private static func operandValue<Digits: StringProtocol>(_ digits: Digits) -> Int {
        let significant = digits.drop { $0 == "0" }
        guard significant.count > 18 else {
            return Int(significant) ?? 0
        }
        return 100_000_000_000_000_000 + Int(significant.suffix(17))!
    }
}

/// Cardinal plural rules for one language, as CLDR defines them.
public struct PluralRules: Sendable {
    private let family: Family

    /// Rules for a BCP 47 tag, or nil when CLDR has none here for its language.
    ///
    /// Only European Portuguese has rules apart from its language; any other region, script or extension falls
    /// back to the language ("fr-CA" uses fr, and "pt-AO" uses pt, as CLDR's parent locales for plurals are plain
    /// truncation).
    public init?(languageTag: String) {
        let subtags = languageTag.lowercased().split { $0 == "-" || $0 == "_" }
        guard let language = subtags.first else {
            return nil
        }
        // Before the first singleton ("u", "x") opens an extension, a two-letter subtag can only be a region.
        let isEuropeanPortuguese = language == "pt" && subtags.dropFirst().prefix { $0.count > 1 }.contains("pt")
        guard let family = Self.families[isEuropeanPortuguese ? "pt-PT" : String(language)] else {
            return nil
        }
        self.family = family
    }

    /// The category of a number given by its operands, the only form that tells "1.0" from "1" and "1.2c6".
    public func category(for operands: PluralOperands) -> PluralCategory {
        family.category(for: operands)
    }

    /// The category of a whole count.
    public func category(for count: Int) -> PluralCategory {
        category(for: PluralOperands(count))
    }

    /// The category of `number` written without exponent and with no fraction when it is whole.
    public func category(for number: Double) -> PluralCategory {
        category(for: PluralOperands(number))
    }

    /// The categories this language uses, in CLDR's order: ["one", "other"] for en.
    public var categories: [PluralCategory] {
        family.categories
    }

    /// The tags with rules of their own (deprecated codes that CLDR still lists, such as iw, included).
    public static let supportedLanguages: [String] = families.keys.sorted()

    /// Languages by rule family, grouped as CLDR's `<pluralRules locales="…">` elements group them.
    private static let families: [String: Family] = {
        let groups: [(Family, String)] = [
            (.chinese, "id in ja km ko lo ms my th vi yue zh"),
            (.hindi, "am as bn fa gu hi kn zu"),
            (.french, "fr pt"),
            (.english, "de en et fi fy nl sv sw ur"),
            (.italian, "ca it pt-PT"),
            (.spanish, "es"),
            (.turkish, "af az bg el eu hu ka kk ky ml mn mr nb ne nn no so sq ta te tr uz"),
            (.punjabi, "ak bho guw ln mg nso pa ti wa"),
            (.danish, "da"),
            (.filipino, "ceb fil tl"),
            (.latvian, "lv"),
            (.romanian, "mo ro"),
            (.croatian, "bs hr sh sr"),
            (.slovenian, "sl"),
            (.hebrew, "he iw"),
            (.czech, "cs sk"),
            (.polish, "pl"),
            (.lithuanian, "lt"),
            (.russian, "ru uk"),
            (.arabic, "ar"),
        ]
        var table: [String: Family] = [:]
        for (family, tags) in groups {
            for tag in tags.split(separator: " ") {
                table[String(tag)] = family
            }
        }
        return table
    }()
}

/// Languages that share one set of CLDR rules, named after one of them.
private enum Family: Sendable {
    case chinese, hindi, french, english, italian, spanish, turkish, punjabi, danish, filipino, latvian, romanian, croatian
    case slovenian, hebrew, czech, polish, lithuanian, russian, arabic

    var categories: [PluralCategory] {
        switch self {
        case .chinese: [.other]
        case .hindi, .english, .turkish, .punjabi, .danish, .filipino: [.one, .other]
        case .french, .italian, .spanish: [.one, .many, .other]
        case .latvian: [.zero, .one, .other]
        case .romanian, .croatian: [.one, .few, .other]
        case .hebrew: [.one, .two, .other]
        case .slovenian: [.one, .two, .few, .other]
        case .czech, .polish, .lithuanian, .russian: [.one, .few, .many, .other]
        case .arabic: PluralCategory.allCases
        }
    }

    /// The first category whose CLDR condition (quoted above each case) holds; `other` when none does.
    func category(for o: PluralOperands) -> PluralCategory {
        // A condition on n such as "n = 1" or "n % 100 = 3..10" can hold only if no fraction digit is nonzero:
        // 1.0 counts as 1, while 3.5 falls in no range.
        let whole = o.t == 0
        switch self {
        case .chinese:
            return .other

        // one: i = 0 or n = 1
        case .hindi:
            return o.i == 0 || (whole && o.i == 1) ? .one : .other

        // one: i = 0,1 (pt writes it i = 0..1); many: see isRomanceMillion
        case .french:
            if o.i == 0 || o.i == 1 {
                return .one
            }
            return o.isRomanceMillion ? .many : .other

        // one: i = 1 and v = 0
        case .english:
            return o.i == 1 && o.v == 0 ? .one : .other

        // one: i = 1 and v = 0; many: see isRomanceMillion
        case .italian:
            if o.i == 1 && o.v == 0 {
                return .one
            }
            return o.isRomanceMillion ? .many : .other

        // one: n = 1; many: see isRomanceMillion
        case .spanish:
            if whole && o.i == 1 {
                return .one
            }
            return o.isRomanceMillion ? .many : .other

        // one: n = 1
        case .turkish:
            return whole && o.i == 1 ? .one : .other

        // one: n = 0..1
        case .punjabi:
            return whole && o.i <= 1 ? .one : .other

        // one: n = 1 or t != 0 and i = 0,1
        case .danish:
            return (whole && o.i == 1) || (!whole && (o.i == 0 || o.i == 1)) ? .one : .other

        // one: v = 0 and i = 1,2,3 or v = 0 and i % 10 != 4,6,9 or v != 0 and f % 10 != 4,6,9
        case .filipino:
            let unlucky: Set = [4, 6, 9]
            if o.v == 0 {
                return (1...3).contains(o.i) || !unlucky.contains(o.i % 10) ? .one : .other
            }
            return unlucky.contains(o.f % 10) ? .other : .one

        // zero: n % 10 = 0 or n % 100 = 11..19 or v = 2 and f % 100 = 11..19
        // one: n % 10 = 1 and n % 100 != 11 or v = 2 and f % 10 = 1 and f % 100 != 11 or v != 2 and f % 10 = 1
        case .latvian:
            if (whole && (o.i % 10 == 0 || (11...19).contains(o.i % 100)))
                || (o.v == 2 && (11...19).contains(o.f % 100))
            {
                return .zero
            }
            if (whole && o.i % 10 == 1 && o.i % 100 != 11) || (o.v == 2 && o.f % 10 == 1 && o.f % 100 != 11)
                || (o.v != 2 && o.f % 10 == 1)
            {
                return .one
            }
            return .other

        // one: i = 1 and v = 0; few: v != 0 or n = 0 or n != 1 and n % 100 = 1..19
        case .romanian:
            if o.i == 1 && o.v == 0 {
                return .one
            }
            // Past the v != 0 test the number is whole, so n reads as i.
            return o.v != 0 || o.i == 0 || (o.i != 1 && (1...19).contains(o.i % 100)) ? .few : .other

        // one: v = 0 and i % 10 = 1 and i % 100 != 11 or f % 10 = 1 and f % 100 != 11
        // few: v = 0 and i % 10 = 2..4 and i % 100 != 12..14 or f % 10 = 2..4 and f % 100 != 12..14
        case .croatian:
            if (o.v == 0 && o.i % 10 == 1 && o.i % 100 != 11) || (o.f % 10 == 1 && o.f % 100 != 11) {
                return .one
            }
            if (o.v == 0 && (2...4).contains(o.i % 10) && !(12...14).contains(o.i % 100))
                || ((2...4).contains(o.f % 10) && !(12...14).contains(o.f % 100))
            {
                return .few
            }
            return .other

        // one: v = 0 and i % 100 = 1; two: v = 0 and i % 100 = 2; few: v = 0 and i % 100 = 3..4 or v != 0
        case .slovenian:
            guard o.v == 0 else {
                return .few
            }
            switch o.i % 100 {
            case 1: return .one
            case 2: return .two
            case 3...4: return .few
            default: return .other
            }

        // one: i = 1 and v = 0 or i = 0 and v != 0; two: i = 2 and v = 0
        case .hebrew:
            if (o.i == 1 && o.v == 0) || (o.i == 0 && o.v != 0) {
                return .one
            }
            return o.i == 2 && o.v == 0 ? .two : .other

        // one: i = 1 and v = 0; few: i = 2..4 and v = 0; many: v != 0
        case .czech:
            guard o.v == 0 else {
                return .many
            }
            switch o.i {
            case 1: return .one
            case 2...4: return .few
            default: return .other
            }

        // one: i = 1 and v = 0; few: v = 0 and i % 10 = 2..4 and i % 100 != 12..14
        // many: v = 0 and i != 1 and i % 10 = 0..1 or v = 0 and i % 10 = 5..9 or v = 0 and i % 100 = 12..14
        case .polish:
            guard o.v == 0 else {
                return .other
            }
            if o.i == 1 {
                return .one
            }
            // The three many conditions cover every integer left once one and few are taken.
            return (2...4).contains(o.i % 10) && !(12...14).contains(o.i % 100) ? .few : .many

        // one: n % 10 = 1 and n % 100 != 11..19; few: n % 10 = 2..9 and n % 100 != 11..19; many: f != 0
        case .lithuanian:
            if o.f != 0 {
                return .many
            }
            if (11...19).contains(o.i % 100) {
                return .other
            }
            switch o.i % 10 {
            case 1: return .one
            case 2...9: return .few
            default: return .other
            }

        // one: v = 0 and i % 10 = 1 and i % 100 != 11; few: v = 0 and i % 10 = 2..4 and i % 100 != 12..14
        // many: v = 0 and i % 10 = 0 or v = 0 and i % 10 = 5..9 or v = 0 and i % 100 = 11..14
        case .russian:
            guard o.v == 0 else {
                return .other
            }
            if o.i % 10 == 1 && o.i % 100 != 11 {
                return .one
            }
            // The three many conditions cover every integer left once one and few are taken.
            return (2...4).contains(o.i % 10) && !(12...14).contains(o.i % 100) ? .few : .many

        // zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10; many: n % 100 = 11..99
        case .arabic:
            guard whole else {
                return .other
            }
            switch o.i {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                switch o.i % 100 {
                case 3...10: return .few
                case 11...99: return .many
                default: return .other
                }
            }
        }
    }
}

extension PluralOperands {
    /// CLDR's `e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5`. French, Spanish, Italian, Catalan and
    /// Portuguese put a preposition before the noun after a round number of millions ("un million de votes") and
    /// after compact forms of a million or more ("1,2 M de votes"), so those counts need a message of their own.
    fileprivate var isRomanceMillion: Bool {
        (c == 0 && i != 0 && i % 1_000_000 == 0 && v == 0) || !(0...5).contains(c)
    }
}
