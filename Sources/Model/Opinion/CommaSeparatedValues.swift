import Foundation

/// A comma-separated file (RFC 4180) read into a header and rows, each row with the line it starts on.
struct CommaSeparatedValues {
    let file: String
    let header: [String]
    let rows: [(line: Int, fields: [String])]

    init(_ text: String, file: String) throws {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = [], field = "", quoted = false, line = 1, recordLine = 1, index = 0
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
            field = ""
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" { field.unicodeScalars.append("\""); index += 1 } else { quoted = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",": fields.append(field); field = ""
            case "\r" where index < scalars.count && scalars[index] == "\n": break
            case "\n", "\r": endRecord(); line += 1; recordLine = line
            default: field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw OpinionFileError(file: file, line: recordLine, column: fields.count + 1, "a quoted field is never closed: add the closing \"") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
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

    /// A field for writing: quoted when it holds a comma, a quote or a line break.
    static func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
