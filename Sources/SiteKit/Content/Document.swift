import Foundation
import Yams

/// One content file in one language: its checked front matter and its Markdown body.
public struct Document: Sendable {
    public let key: ContentKey
    public let language: String
    /// Path shown in diagnostics, e.g. `content/city/about.fr.md`.
    public let file: String
    public let meta: PageMeta
    public let body: String
    /// Line of the file where the body starts, so Markdown problems point at the file's own lines.
    public let bodyLine: Int
}

/// A file of `content/` that is not a page (an image, a PDF), copied as it is.
struct StaticFile: Sendable {
    let relativePath: String
    let source: URL
}

/// The raw text of every file a build reads, keyed by relative path: what the disk gave, or a test's strings.
struct ContentSnapshot: Sendable {
    var site: (file: String, text: String)?
    var pages: [(relativePath: String, text: String)] = []
    var strings: [(language: String, file: String, text: String)] = []
    var staticFiles: [StaticFile] = []
    /// `content/_results/**/*.json`: results written by `collector tally`.
    var results: [(file: String, data: Data)] = []
    /// `content/_contributions/**/*.md`: participants' comments and statements, for moderation.
    var contributions: [(file: String, text: String)] = []
    /// `content/_reports/<name>/report.json`: participation reports written by `collector report`.
    var reports: [(file: String, name: String, data: Data)] = []
}

/// Turns raw files into documents, checking names and front matter.
enum DocumentParser {
    /// Parses sections first: a file's allowed keys depend on the component its folder's `_index` declares.
    /// `known` gives the components of folders parsed before (an incremental rebuild parses one file).
    static func parse(_ snapshot: ContentSnapshot, site: SiteConfig, contentLabel: String, known: [String: ComponentKind] = [:], sink: DiagnosticSink) -> [Document] {
        let isSection = snapshot.pages.map { ContentFileName.parse(relativePath: $0.relativePath)?.key.isSection ?? false }
        let sections = parseAll(snapshot.pages.indices.filter { isSection[$0] }, snapshot: snapshot, site: site, contentLabel: contentLabel, components: [:], sink: sink)
        var components = known
        for section in sections {
            if let component = section.meta.collection?.kind { components[section.key.directory] = component }
        }
        let pages = parseAll(snapshot.pages.indices.filter { !isSection[$0] }, snapshot: snapshot, site: site, contentLabel: contentLabel, components: components, sink: sink)
        return sections + pages
    }

    static func components(of documents: [Document]) -> [String: ComponentKind] {
        var components: [String: ComponentKind] = [:]
        for document in documents {
            if let component = document.meta.collection?.kind { components[document.key.directory] = component }
        }
        return components
    }

    /// A file's outcome: its document, and for a default-language file the front matter its translations are laid over.
    private struct Parsed {
        var document: Document?
        var file: String
        var root: Node.Mapping?
        /// Whether its front matter had no error, so its settings can be read again under a translation's name.
        var sound = true
    }

    /// Settings come from the default-language file, so every default-language file is read before the translations
    /// laid over it.
    private static func parseAll(_ indices: [Int], snapshot: ContentSnapshot, site: SiteConfig, contentLabel: String, components: [String: ComponentKind], sink: DiagnosticSink) -> [Document] {
        let codes = Set(site.languages.map(\.code))
        let names = indices.map { ContentFileName.parse(relativePath: snapshot.pages[$0].relativePath) }
        let isBase = names.map { ($0?.language ?? site.defaultLanguage.code) == site.defaultLanguage.code }
        var results = [Parsed?](repeating: nil, count: indices.count)
        func parse(_ positions: [Int], bases: [ContentKey: Parsed]) {
            results.withUnsafeMutableBufferPointer { buffer in
                let output = buffer
                DispatchQueue.concurrentPerform(iterations: positions.count) { index in
                    let position = positions[index]
                    let (path, text) = snapshot.pages[indices[position]]
                    output[position] = parseOne(path: path, text: text, codes: codes, site: site, contentLabel: contentLabel, components: components,
                                                base: names[position].flatMap { bases[$0.key] }, sink: sink)
                }
            }
        }
        parse(indices.indices.filter { isBase[$0] }, bases: [:])
        var bases: [ContentKey: Parsed] = [:]
        for position in indices.indices where isBase[position] {
            if let key = names[position]?.key, let parsed = results[position], bases[key] == nil { bases[key] = parsed }
        }
        parse(indices.indices.filter { !isBase[$0] }, bases: bases)
        return results.compactMap { $0?.document }
    }

    private static func parseOne(path: String, text: String, codes: Set<String>, site: SiteConfig, contentLabel: String, components: [String: ComponentKind],
                                 base: Parsed?, sink: DiagnosticSink) -> Parsed? {
        let file = ContentPath.join(contentLabel, path)
        guard let name = ContentFileName.parse(relativePath: path) else { return nil }
        if let language = name.language, !codes.contains(language) {
            sink.error(file, "unknown language suffix `.\(language)`",
                       hint: "site.yaml declares \(site.languages.map(\.code).joined(separator: ", ")); add `\(language)` there or rename the file")
            return nil
        }
        guard let split = FrontMatterSplit.split(text) else {
            sink.error(file, "the front matter is not closed", hint: "end it with a line holding only `---`")
            return Parsed(file: file, sound: false)
        }
        let own = DiagnosticSink()
        guard var root = FrontMatterParser.root(split, file: file, sink: own, hint: FrontMatterParser.pageHint) else {
            own.all.forEach(sink.report)
            return Parsed(file: file, sound: false)
        }
        let lineOffset = split.yamlLine - 1
        var readSink = own
        // A participant's file (it carries `moderation` or `receipt`) is never read as a translation: its words must
        // not fail the build, whatever a communicator's file of the same name sets.
        if let base, let translation = root.mapping, translation["moderation"] == nil, translation["receipt"] == nil {
            if let original = base.root {
                let (merged, problems) = TranslationMerge.merge(translation, file: file, over: original, baseFile: base.file, lineOffset: lineOffset)
                problems.forEach(own.report)
                root = merged
            }
            // The default file's settings are read again here, at its lines but under this file's name (or are missing
            // when it could not be read): their errors are reported once, at the default file.
            if !base.sound { readSink = DiagnosticSink() }
        }
        let role: FileRole = name.key.isSection ? .section : components[name.key.directory].map { .item($0) } ?? .page
        let meta = YAMLReader.mapping(root, field: "front matter", file: file, lineOffset: lineOffset, sink: readSink, timeZone: site.timeZone)
            .flatMap { FrontMatterParser.parse($0, role: role) }
        own.all.forEach(sink.report)
        let document = meta.map { Document(key: name.key, language: name.language ?? site.defaultLanguage.code, file: file, meta: $0, body: split.body, bodyLine: split.bodyLine) }
        return Parsed(document: document, file: file, root: root.mapping, sound: !own.hasErrors)
    }
}
