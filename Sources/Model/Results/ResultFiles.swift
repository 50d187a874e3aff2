import Foundation

/// The bytes of result files: the same count always writes the same bytes, so a recount can be compared with `cmp`.
public enum ResultFiles {
    /// Sorted keys, two-space indentation, ISO 8601 dates, slashes unescaped, a final newline.
    public static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value) + Data("\n".utf8)
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
