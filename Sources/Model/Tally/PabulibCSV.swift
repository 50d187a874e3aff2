/// One `;`-separated record of a `.pb` file and the line it starts on.
struct PabulibRecord {
    var line: Int
    var fields: [String]
}

/// Splits `.pb` text into records: `;` between fields, `"` around fields that hold `;`, `"` or a line break,
/// `""` for a quote inside them. Unquoted fields are trimmed, as several readers tolerate padding.
enum PabulibRecordReader {
    /// Every record that is not blank, in file order.
    static func records(_ text: String) throws -> [PabulibRecord] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return try bytes.withUnsafeBufferPointer { buffer in
            var cursor = PabulibCursor(bytes: buffer)
            var records: [PabulibRecord] = []
            while cursor.position < buffer.count {
                let start = cursor.line
                let (fields, quoted) = try cursor.readRecord()
                if fields.count == 1, fields[0].isEmpty, !quoted { continue }
                records.append(PabulibRecord(line: start, fields: fields))
            }
            return records
        }
    }
}

/// A position in the text; raw buffer access keeps reading fast even in debug builds.
private struct PabulibCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var line = 1

    mutating func readRecord() throws -> (fields: [String], anyQuoted: Bool) {
        var fields: [String] = []
        var anyQuoted = false
        while true {
            skipSpaces()
            let field: String
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                field = try readQuoted()
                anyQuoted = true
                skipSpaces()
            } else {
                field = readUnquoted()
            }
            fields.append(field)
            guard position < bytes.count else { return (fields, anyQuoted) }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: ";"):
                continue
            case UInt8(ascii: "\r"):
                if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
                line += 1
                return (fields, anyQuoted)
            case UInt8(ascii: "\n"):
                line += 1
                return (fields, anyQuoted)
            default:
                throw PabulibError(line: line, "unexpected text after a closing quote")
            }
        }
    }

    private mutating func readUnquoted() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            position += 1
        }
        var end = position
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    private mutating func readQuoted() throws -> String {
        let openedOn = line
        position += 1
        var text: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    return String(decoding: text, as: UTF8.self)
                }
                position += 1
            } else if byte == UInt8(ascii: "\n") {
                line += 1
            }
            text.append(byte)
        }
        throw PabulibError(line: openedOn, "a quoted field is never closed")
    }

    private mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
    }
}

/// A data row matched to its section header.
struct PabulibRow {
    let line: Int
    let fields: [String: String]

    init(_ record: PabulibRecord, columns: [String], section: String) throws {
        guard record.fields.count == columns.count else {
            throw PabulibError(line: record.line,
                               "\(section) row has \(record.fields.count) fields, header has \(columns.count)")
        }
        line = record.line
        fields = Dictionary(uniqueKeysWithValues: zip(columns, record.fields))
    }

    /// A typed column that may be absent or left empty.
    func optional<T>(_ column: String, _ convert: (String) -> T?, _ kind: String) throws -> T? {
        guard let text = fields[column], !text.isEmpty else { return nil }
        guard let value = convert(text) else {
            throw PabulibError(line: line, "\(column) '\(text)' is not \(kind)")
        }
        return value
    }
}
