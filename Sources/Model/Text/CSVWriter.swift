/// Records of comma-separated text (RFC 4180; also `;`-separated, as Pabulib's), each field quoted when it must be.
///
/// Whether a field needs quotes is decided on its UTF-8 bytes, never on Characters: Swift takes `"\r\n"` as one
/// Character equal to neither `"\r"` nor `"\n"`, and a quote or comma followed by a combining mark as one Character
/// equal to neither, so a Character test let such values through unquoted and broke the row.
///
/// Values are written as given, also when they start with `=`, `+`, `-` or `@`, which a spreadsheet may take for a
/// formula. These files are records: answers as participants sent them, counts a recount compares byte for byte,
/// Pol.is votes of `-1`; a `'` put before such values (the usual defence) would change the data for every program
/// that reads them, to protect one way of opening them. Open them in a spreadsheet through its text import.
public enum CSVWriter {
    /// `fields` joined by `separator` (ASCII), without a line break.
    public static func record(_ fields: [String], separator: Unicode.Scalar = ",") -> String {
        // A record of one empty field would be a blank line, which readers skip; quoted, it stays a record, as
        // Python's csv module writes it.
        if fields.count == 1, fields[0].isEmpty { return "\"\"" }
        let byte = UInt8(ascii: separator)
        return fields.map { field($0, separator: byte) }.joined(separator: String(separator))
    }

    private static let quote = UInt8(ascii: "\"")

    /// Quoted when it holds the separator, a quote, CR or LF, or starts or ends with a space or tab (which some
    /// readers trim from unquoted fields, Pabulib's among them); a quote inside is doubled.
    private static func field(_ value: String, separator: UInt8) -> String {
        let bytes = value.utf8
        let needsQuotes = bytes.contains { $0 == separator || $0 == quote || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
            || bytes.first.map(isPadding) == true || bytes.last.map(isPadding) == true
        guard needsQuotes else { return value }
        var quoted: [UInt8] = [quote]
        quoted.reserveCapacity(bytes.count + 2)
        for byte in bytes {
            if byte == quote { quoted.append(quote) }
            quoted.append(byte)
        }
        quoted.append(quote)
        return String(decoding: quoted, as: UTF8.self)
    }

    private static func isPadding(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}
