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

    func date(_ key: String) -> Date? { date(key, parse: DateParsing.parse) }

    /// The end of a window (`closes`, a phase's `end`): a date without a time includes that whole day.
    func endDate(_ key: String) -> Date? { date(key, parse: DateParsing.parseEnd) }

    private func date(_ key: String, parse: (String, TimeZone?) -> Date?) -> Date? {
        guard let node = node(key) else { return nil }
        if let text = node.string, let date = parse(text, timeZone) { return date }
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
