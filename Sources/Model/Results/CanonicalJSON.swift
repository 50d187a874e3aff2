import Foundation

/// RFC 8785 (JCS) canonical JSON, the one serialization every hashed or recounted file uses (docs/COUNTING.md):
/// a third party's `json` library plus these few rules gives the same bytes, which Foundation's encoder alone does not
/// promise (its key order, number forms and spacing are its own).
public enum CanonicalJSON {
    /// The JCS bytes of a value: members sorted by UTF-16 code units, no whitespace, numbers as ECMAScript writes them.
    public static func compact<T: Encodable>(_ value: T) throws -> Data {
        var out = ""
        write(try tree(value), into: &out, indent: nil)
        return Data(out.utf8)
    }

    /// The same tokens, one member or element per line indented by two spaces, `": "` after names, `[]` and `{}` when
    /// empty, and a final newline: what `json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False)` gives for such values.
    public static func pretty<T: Encodable>(_ value: T) throws -> Data {
        var out = ""
        write(try tree(value), into: &out, indent: 0)
        return Data((out + "\n").utf8)
    }

    /// Canonical bytes of JSON text someone else wrote (e.g. a manifest read back from its file).
    public static func compact(json: Data) throws -> Data {
        compact(tree: try JSONTree.parse(json))
    }

    /// A string as canonical JSON writes it, quotes included: for JSON written by hand where an encoder costs too much.
    public static func quote(_ text: String) -> String {
        var out = ""
        string(text, into: &out)
        return out
    }

    static func compact(tree: JSONTree) -> Data {
        var out = ""
        write(tree, into: &out, indent: nil)
        return Data(out.utf8)
    }

    private static func tree<T: Encodable>(_ value: T) throws -> JSONTree {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try JSONTree.parse(try encoder.encode(value))
    }

    private static func write(_ value: JSONTree, into out: inout String, indent: Int?) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let token): out += number(token)
        case .string(let text): string(text, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                separate(index, into: &out, indent: indent)
                write(item, into: &out, indent: indent.map { $0 + 2 })
            }
            close(items.isEmpty, "]", into: &out, indent: indent)
        case .object(let members):
            out += "{"
            for (index, member) in members.sorted(by: { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }).enumerated() {
                separate(index, into: &out, indent: indent)
                string(member.key, into: &out)
                out += indent == nil ? ":" : ": "
                write(member.value, into: &out, indent: indent.map { $0 + 2 })
            }
            close(members.isEmpty, "}", into: &out, indent: indent)
        }
    }

    private static func separate(_ index: Int, into out: inout String, indent: Int?) {
        if index > 0 { out += "," }
        if let indent { out += "\n" + String(repeating: " ", count: indent + 2) }
    }

    private static func close(_ empty: Bool, _ bracket: String, into out: inout String, indent: Int?) {
        if !empty, let indent { out += "\n" + String(repeating: " ", count: indent) }
        out += bracket
    }

    private static func string(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// ECMAScript's Number::toString of the double the token denotes (JCS §3.2.2.3), from the shortest digits that
    /// read back as that double, which Swift's `description` gives as Python's `repr` and ECMAScript do.
    static func number(_ token: String) -> String {
        guard let value = Double(token), value.isFinite else { return token }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let (digits, exponent) = shortestDigits(abs(value))
        let k = digits.count
        let n = exponent
        let body: String
        if k <= n && n <= 21 {
            body = digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            body = String(digits.prefix(n)) + "." + String(digits.dropFirst(n))
        } else if -6 < n && n <= 0 {
            body = "0." + String(repeating: "0", count: -n) + digits
        } else {
            let power = n - 1
            let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
            body = mantissa + "e" + (power < 0 ? "-" : "+") + String(abs(power))
        }
        return sign + body
    }

    /// The digits d₁…d_k (no leading or trailing zeros) and n with value = 0.d₁…d_k × 10ⁿ.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        var power = parts.count == 2 ? Int(parts[1])! : 0
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(pieces[0])
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        power += whole.count
        var digits = whole + fraction
        while digits.hasPrefix("0") {
            digits.removeFirst()
            power -= 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (digits, power)
    }
}
