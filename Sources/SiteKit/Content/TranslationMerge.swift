import Foundation
import Yams

/// A translation's front matter laid over its default-language file's: the settings of the default file, the
/// texts of the translation. A translation that repeats a setting must give the same value; one that differs, or
/// that sets what the default file does not, is an error naming both files.
struct TranslationMerge {
    let file: String
    let baseFile: String
    /// Both files' front matter starts on the same line, so one offset turns either's marks into file lines.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, baseFile: String, lineOffset: Int) {
        self.file = file
        self.baseFile = baseFile
        self.lineOffset = lineOffset
    }

    /// The front matter the translation's page is read from, with the problems found on the way.
    static func merge(_ translation: Node.Mapping, file: String, over base: Node.Mapping, baseFile: String, lineOffset: Int) -> (Node, [Diagnostic]) {
        var merge = TranslationMerge(file: file, baseFile: baseFile, lineOffset: lineOffset)
        let merged = merge.mapping(translation, over: base, roles: TranslationRole.page, place: "")
        return (.mapping(merged), merge.diagnostics)
    }

    private mutating func mapping(_ translation: Node.Mapping?, over base: Node.Mapping, roles: [String: TranslationRole], place: String) -> Node.Mapping {
        let given = Dictionary(translation?.map { ($0.key.string ?? "", $0) } ?? [], uniquingKeysWith: { first, _ in first })
        var pairs: [(Node, Node)] = []
        for (key, value) in base {
            let name = key.string ?? ""
            let own = given[name]
            switch roles[name] {
            case .own?:
                if let own { pairs.append((own.key, own.value)) }
            case .text?:
                pairs.append(own.map { ($0.key, $0.value) } ?? (key, value))
            case .entries(let match, let entryRoles)?:
                if let own, case .sequence(let translated) = own.value, case .sequence(let original) = value {
                    pairs.append((key, .sequence(entries(translated, over: original, key: name, match: match, roles: entryRoles, place: place))))
                } else {
                    if let own { compare(own.value, with: value, key: own.key, place: place) }
                    pairs.append((key, value))
                }
            case nil:
                if let own { compare(own.value, with: value, key: own.key, place: place) }
                pairs.append((key, value))
            }
        }
        let known = Set(base.compactMap { $0.key.string })
        for (key, value) in translation ?? [:] where !known.contains(key.string ?? "") {
            switch roles[key.string ?? ""] {
            case .own?, .text?: pairs.append((key, value))
            default: unsetInBase(key, place: place, roles: roles, base: base)
            }
        }
        return Node.Mapping(pairs, translation?.tag ?? base.tag, base.style, translation?.mark ?? base.mark)
    }

    /// The default file's entries, each with the texts of the translation's entry of the same `match` value.
    private mutating func entries(_ translated: Node.Sequence, over original: Node.Sequence, key: String, match: String,
                                  roles: [String: TranslationRole], place: String) -> Node.Sequence {
        func matchValue(_ entry: Node) -> String? { entry.mapping?[match]?.string }
        let ids = original.compactMap(matchValue)
        var byID: [String: Node.Mapping] = [:]
        for entry in translated {
            guard let mapping = entry.mapping, let id = matchValue(entry) else {
                report(entry, "an entry of `\(key)`\(place) names no `\(match)`",
                       hint: "a translation names each entry of \(baseFile) it translates by its `\(match)`")
                continue
            }
            guard ids.contains(id) else {
                report(entry, "\(baseFile) has no entry of `\(key)`\(place) whose `\(match)` is `\(id)`",
                       hint: "entries come from the default-language file; use one of: \(ids.joined(separator: ", "))")
                continue
            }
            byID[id] = mapping
        }
        let merged = original.map { entry -> Node in
            guard let mapping = entry.mapping, let id = matchValue(entry) else { return entry }
            return .mapping(self.mapping(byID[id], over: mapping, roles: roles, place: " in the `\(key)` entry `\(id)`" + place))
        }
        return Node.Sequence(merged, original.tag, original.style, original.mark)
    }

    private mutating func compare(_ translated: Node, with original: Node, key: Node, place: String) {
        guard !Self.same(translated, original) else { return }
        let name = key.string ?? ""
        report(key, "`\(name)`\(place) is \(Self.shown(translated)) here but \(Self.shown(original)) in \(baseFile):\(line(of: original))",
               hint: "settings come from the default-language file: delete `\(name)` here, the translation takes it from there, or make both the same")
    }

    private mutating func unsetInBase(_ key: Node, place: String, roles: [String: TranslationRole], base: Node.Mapping) {
        let name = key.string ?? ""
        let words = TranslationRole.translatable(roles)
        let suggestion = Spelling.closest(to: name, among: words + base.compactMap { $0.key.string }).map { "did you mean `\($0)`? " } ?? ""
        report(key, "`\(name)`\(place) is not a text, and \(baseFile) does not set it",
               hint: "\(suggestion)settings are written once, in the default-language file; a translation gives texts: \(words.joined(separator: ", "))")
    }

    private mutating func report(_ node: Node, _ message: String, hint: String) {
        diagnostics.append(Diagnostic(.error, file: file, line: line(of: node), message, hint: hint))
    }

    private func line(of node: Node) -> Int { YAMLReader.line(of: node, offset: lineOffset) }

    /// Equal as values, whatever the quoting or layout: `2026-03-01` and `"2026-03-01"` are the same setting.
    static func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return x.string == y.string
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            let left = Dictionary(x.map { ($0.key.string ?? "", $0.value) }, uniquingKeysWith: { first, _ in first })
            let right = Dictionary(y.map { ($0.key.string ?? "", $0.value) }, uniquingKeysWith: { first, _ in first })
            return left.count == right.count && left.allSatisfy { key, value in right[key].map { same(value, $0) } ?? false }
        default:
            return false
        }
    }

    private static func shown(_ node: Node) -> String {
        if case .scalar(let scalar) = node { return "`\(scalar.string)`" }
        return "another value"
    }
}
