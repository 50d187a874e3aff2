import Foundation

/// A comma-separated file (RFC 4180) read into a header and rows, each row with the line it starts on.
struct CommaSeparatedValues {
    let file: String
    let header: [String]
    let rows: [(line: Int, fields: [String])]

    /// Reads the UTF-8 bytes, not Characters: a field without quotes becomes a String in one step, which matters for
    /// a votes.csv of millions of rows.
    init(_ text: String, file: String) throws {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), ret = UInt8(ascii: "\r")
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var line = 1, recordLine = 1, index = 0
        var quotedField: [UInt8]?
        var fieldStart = 0
        func field(upTo end: Int) -> String {
            if let quoted = quotedField { return String(decoding: quoted, as: UTF8.self) }
            return String(decoding: bytes[fieldStart..<end], as: UTF8.self)
        }
        func endRecord(at end: Int) {
            // A blank line is no record; `""` alone on a line is one, of one empty field.
            let blank = fields.isEmpty && quotedField == nil && fieldStart == end
            fields.append(field(upTo: end))
            if !blank { records.append((recordLine, fields)) }
            fields = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote && index == fieldStart && quotedField == nil {
                // A quoted field: read to its closing quote, "" standing for one quote.
                var value: [UInt8] = []
                index += 1
                var closed = false
                while index < bytes.count {
                    let inner = bytes[index]
                    index += 1
                    if inner == quote {
                        if index < bytes.count, bytes[index] == quote { value.append(quote); index += 1 } else { closed = true; break }
                    } else {
                        if inner == newline { line += 1 }
                        value.append(inner)
                    }
                }
                if !closed { throw OpinionFileError(file: file, line: recordLine, column: fields.count + 1, "a quoted field is never closed: add the closing \"") }
                quotedField = value
                continue
            }
            switch byte {
            case comma:
                fields.append(field(upTo: index))
                quotedField = nil
                index += 1
                fieldStart = index
            case ret where index + 1 < bytes.count && bytes[index + 1] == newline:
                endRecord(at: index)
                quotedField = nil
                index += 2
                line += 1
                recordLine = line
                fieldStart = index
            case newline, ret:
                endRecord(at: index)
                quotedField = nil
                index += 1
                line += 1
                recordLine = line
                fieldStart = index
            default:
                // Text after a closing quote stays part of the field, as the reader always took it.
                if var quoted = quotedField { quoted.append(byte); quotedField = quoted; fieldStart = index + 1 }
                index += 1
            }
        }
        if quotedField != nil || fieldStart < bytes.count || !fields.isEmpty { endRecord(at: bytes.count) }
        guard let header = records.first else { throw OpinionFileError(file: file, line: 1, column: 1, "the file is empty: it needs a header line") }
        self.file = file
        self.header = header.fields
        self.rows = Array(records.dropFirst())
    }

    /// The position of each required column, or an error naming the first one missing.
    func columns(_ names: [String]) throws -> [Int] {
        try names.map { name in
            guard let position = header.firstIndex(of: name) else {
                throw OpinionFileError(file: file, line: 1, column: header.count + 1,
                                       "the header has no column \"\(name)\": the header must name \(names.joined(separator: ", "))")
            }
            return position
        }
    }

    /// A row's field, or an error when the row is too short.
    func field(_ row: (line: Int, fields: [String]), _ column: Int) throws -> String {
        guard column < row.fields.count else {
            throw OpinionFileError(file: file, line: row.line, column: column + 1,
                                   "the row has \(row.fields.count) fields but the header has \(header.count): add the missing \"\(header[column])\"")
        }
        return row.fields[column]
    }
}
