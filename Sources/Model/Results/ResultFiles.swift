import Foundation

/// The bytes of result files: the same count always writes the same bytes, so a recount can be compared with `cmp`.
public enum ResultFiles {
    /// Canonical JSON in its pretty form (docs/COUNTING.md): any JSON library can write the same bytes.
    public static func json<T: Encodable>(_ value: T) throws -> Data {
        try CanonicalJSON.pretty(value)
    }

    /// Free-text answers as CSV (RFC 4180): `receipt,question,answer`, sorted by receipt, then question.
    public static func csv(_ answers: [TextAnswer]) -> Data {
        var text = "receipt,question,answer\r\n"
        for answer in answers {
            text += CSVWriter.record([answer.receipt, answer.question, answer.text]) + "\r\n"
        }
        return Data(text.utf8)
    }
}
