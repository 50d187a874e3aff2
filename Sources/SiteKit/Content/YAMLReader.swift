import Foundation
import Model
import Yams

/// Reads a YAML mapping field by field, reporting type errors and unknown keys at their line.
///
/// Every key read is remembered, so `finish()` can name each key nobody asked for: a misspelt key is an
/// error, not a silently ignored setting.
final class YAMLReader {
    let file: String
    let lineOffset: Int
    let sink: DiagnosticSink
    private let entries: [(key: String, keyNode: Node, value: Node)]
    private var used: Set<String> = []
    let mark: Mark?
    /// The zone of dates written without an offset (`2026-03-01`, `2026-03-01 18:30`): the site's.
    var timeZone: TimeZone?

    init(_ mapping: Node.Mapping, file: String, lineOffset: Int, sink: DiagnosticSink, timeZone: TimeZone? = nil) {
        self.timeZone = timeZone
        self.file = file
        self.lineOffset = lineOffset
        self.sink = sink
        self.mark = mapping.mark
        self.entries = mapping.map { ($0.key.string ?? "", $0.key, $0.value) }
    }

    /// A reader for a node that must be a mapping; reports the node otherwise.
    static func mapping(_ node: Node, field: String, file: String, lineOffset: Int, sink: DiagnosticSink, timeZone: TimeZone? = nil) -> YAMLReader? {
        guard case .mapping(let mapping) = node else {
            sink.error(file, line: line(of: node, offset: lineOffset), "`\(field)` must be a mapping of keys to values", hint: "write it as `key: value` lines indented under `\(field):`")
            return nil
        }
        return YAMLReader(mapping, file: file, lineOffset: lineOffset, sink: sink, timeZone: timeZone)
    }

    static func line(of node: Node, offset: Int) -> Int { (node.mark?.line ?? 1) + offset }

    var keys: [String] { entries.map(\.key) }

    func node(_ key: String) -> Node? {
        used.insert(key)
        return entries.first { $0.key == key }?.value
    }

    func line(_ key: String) -> Int {
        entries.first { $0.key == key }.map { YAMLReader.line(of: $0.keyNode, offset: lineOffset) } ?? (mark?.line ?? 1) + lineOffset
    }

    func lineOf(_ node: Node) -> Int { YAMLReader.line(of: node, offset: lineOffset) }

    func report(_ key: String, _ message: String, hint: String? = nil) {
        sink.error(file, line: line(key), message, hint: hint)
    }

    func string(_ key: String) -> String? {
        guard let node = node(key) else { return nil }
        if case .scalar(let scalar) = node, node.null == nil { return scalar.string }
        if node.null != nil { return nil }
        report(key, "`\(key)` must be text", hint: "write `\(key): some text` on one line")
        return nil
    }

    func requiredString(_ key: String, hint: String) -> String? {
        if let value = string(key), !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        if entries.contains(where: { $0.key == key }) {
            report(key, "`\(key)` is empty", hint: hint)
        } else {
            sink.error(file, line: (mark?.line ?? 1) + lineOffset, "missing required field `\(key)`", hint: hint)
        }
        return nil
    }

    func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        if let value = node.bool { return value }
        report(key, "`\(key)` must be true or false", hint: "write `\(key): true` or `\(key): false`")
        return nil
    }

    func int(_ key: String) -> Int? {
        guard let node = node(key) else { return nil }
        if let value = node.int { return value }
        report(key, "`\(key)` must be a whole number", hint: "write digits only, e.g. `\(key): 10`")
        return nil
    }

    func double(_ key: String) -> Double? {
        guard let node = node(key) else { return nil }
        if let value = node.float ?? node.int.map(Double.init) { return value }
        report(key, "`\(key)` must be a number", hint: "write digits, with a dot for decimals, e.g. `\(key): 1500.50`")
        return nil
    }

    func date(_ key: String) -> Date? {
        guard let node = node(key) else { return nil }
        if let text = node.string, let date = DateParsing.parse(text, timeZone: timeZone) { return date }
        report(key, "`\(key)` is not a date", hint: "write it as 2026-03-01 or 2026-03-01T18:00:00Z")
        return nil
    }

    func strings(_ key: String) -> [String]? {
        guard let node = node(key) else { return nil }
        if let text = node.string, node.scalar != nil, !text.isEmpty { return [text] }
        guard case .sequence(let sequence) = node else {
            report(key, "`\(key)` must be a list", hint: "write `\(key): [first, second]`")
            return nil
        }
        var values: [String] = []
        for item in sequence {
            if let text = item.string, item.scalar != nil { values.append(text) } else {
                sink.error(file, line: lineOf(item), "each entry of `\(key)` must be text", hint: "write `\(key): [first, second]`")
            }
        }
        return values
    }

    func mapping(_ key: String) -> YAMLReader? {
        guard let node = node(key) else { return nil }
        return YAMLReader.mapping(node, field: key, file: file, lineOffset: lineOffset, sink: sink, timeZone: timeZone)
    }

    func sequence(_ key: String) -> [Node]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let sequence) = node else {
            report(key, "`\(key)` must be a list", hint: "start each entry on its own line with `- `")
            return nil
        }
        return Array(sequence)
    }

    /// Reads a list of mappings, each through `read`; `context` names an entry in error messages.
    func entries<T>(_ key: String, context: String, read: (YAMLReader) -> T?) -> [T]? {
        guard let items = sequence(key) else { return nil }
        return items.compactMap { item in
            guard let entry = YAMLReader.mapping(item, field: key, file: file, lineOffset: lineOffset, sink: sink, timeZone: timeZone) else { return nil }
            return read(entry)
        }
    }

    /// An identifier used in URLs and form ids: letters, digits, `-` and `_`.
    func identifier(_ key: String, hint: String) -> String? {
        guard let value = requiredString(key, hint: hint) else { return nil }
        guard Slug.isValid(value), value.allSatisfy({ $0.isASCII }) else {
            report(key, "`\(value)` cannot be used as an id", hint: "use lowercase ASCII letters, digits and `-`, e.g. `\(Slug.make(value))`")
            return nil
        }
        return value
    }

    /// A value that must be one of an enumeration's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(key) else { return nil }
        if let value = T(rawValue: text) { return value }
        let known = T.allCases.map(\.rawValue)
        let suggestion = Spelling.closest(to: text, among: known).map { "did you mean `\($0)`? " } ?? ""
        report(key, "`\(text)` is not a valid `\(key)`", hint: "\(suggestion)use one of: \(known.joined(separator: ", "))")
        return nil
    }

    /// Reports every key that was never read, suggesting the closest known key when one is near.
    func finish(allowed: [String], context: String) {
        for entry in entries where !used.contains(entry.key) {
            let suggestion = Spelling.closest(to: entry.key, among: allowed)
            let hint = suggestion.map { "did you mean `\($0)`?" } ?? "known keys: \(allowed.joined(separator: ", "))"
            sink.error(file, line: YAMLReader.line(of: entry.keyNode, offset: lineOffset), "unknown key `\(entry.key)` in \(context)", hint: hint)
        }
    }
}

/// Suggests the nearest known word for a misspelt one.
enum Spelling {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Parses the date forms communicators write: `2026-03-01`, `2026-03-01 18:00`, `2026-03-01T18:00:00Z`,
/// `2026-03-01T18:00:00+02:00`. Hand-written because it runs once per page and formatters are costly.
enum DateParsing {
    /// Dates without an offset are in `timeZone` (UTC when nil), daylight saving included.
    static func parse(_ text: String, timeZone: TimeZone? = nil) -> Date? {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = 0
        var offset: Int?
        var index = 10
        if index < bytes.count {
            guard bytes[index] == 84 || bytes[index] == 32, let hour = number(index + 1, 2), bytes.count > index + 5,
                  bytes[index + 3] == 58, let minute = number(index + 4, 2), hour < 24, minute < 60 else { return nil }
            seconds = hour * 3600 + minute * 60
            index += 6
            if index < bytes.count, bytes[index] == 58 {
                guard let second = number(index + 1, 2), second < 61 else { return nil }
                seconds += second
                index += 3
            }
            if index < bytes.count, bytes[index] == 46 {
                index += 1
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            }
            if index < bytes.count {
                if bytes[index] == 90, index == bytes.count - 1 {
                    offset = 0
                } else if bytes[index] == 43 || bytes[index] == 45, let h = number(index + 1, 2), let m = number(index + 4, 2), bytes.count == index + 6 {
                    offset = (h * 3600 + m * 60) * (bytes[index] == 43 ? 1 : -1)
                } else {
                    return nil
                }
            }
        }
        let wallClock = Int(UTCSecond.days(fromCivil: Int64(year), Int64(month), Int64(day))) * 86400 + seconds
        if let offset { return Date(timeIntervalSince1970: TimeInterval(wallClock - offset)) }
        guard let timeZone else { return Date(timeIntervalSince1970: TimeInterval(wallClock)) }
        let guess = Date(timeIntervalSince1970: TimeInterval(wallClock))
        let first = timeZone.secondsFromGMT(for: guess)
        let corrected = Date(timeIntervalSince1970: TimeInterval(wallClock - first))
        let second = timeZone.secondsFromGMT(for: corrected)
        return second == first ? corrected : Date(timeIntervalSince1970: TimeInterval(wallClock - second))
    }
}
