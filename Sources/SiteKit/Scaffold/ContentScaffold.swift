import Foundation
import Model

/// The files `sitegen new KIND PATH` adds to an existing site: in each of its languages, and for an item the
/// collection it goes in when its folder is not one yet.
public enum ContentScaffold {
    /// Plans the files without writing them; throws `BuildFailure` naming what stands in the way and how to fix it.
    public static func plan(_ kind: NewContentKind, path: String, contentDirectory: URL) throws -> [ScaffoldFile] {
        let label = contentDirectory.lastPathComponent
        let siteFile = ContentPath.join(label, SiteConfig.fileName)
        guard FileManager.default.fileExists(atPath: contentDirectory.appendingPathComponent(SiteConfig.fileName).path) else {
            throw refusal(siteFile, "no site here: site.yaml not found",
                          hint: "run sitegen in your project folder, pass --content DIR, or start a site with `sitegen new site DIR`")
        }
        let sink = DiagnosticSink()
        let snapshot = ContentReader.read(contentDirectory: contentDirectory, sink: sink)
        guard let file = snapshot.site, let config = SiteConfigLoader.load(text: file.text, file: file.file, sink: sink), !sink.hasErrors else {
            throw BuildFailure(diagnostics: sink.errors)
        }
        let key = try key(of: kind, path: path, contentLabel: label)
        let existing = snapshot.pages.map(\.relativePath).filter { ContentFileName.parse(relativePath: $0)?.key == key }
        if let taken = existing.first {
            throw refusal(ContentPath.join(label, taken), "this \(kind.rawValue) already exists",
                          hint: ContentScaffold.neverOverwrites)
        }
        let languages = [config.defaultLanguage.code] + config.languages.map(\.code).filter { $0 != config.defaultLanguage.code }
        func files(_ page: ScaffoldPage) -> [ScaffoldFile] {
            page.files(contentDirectory: contentDirectory, contentLabel: label, languages: languages, draftTranslations: true)
        }
        var planned: [ScaffoldFile] = []
        if let component = kind.component, let collection = try collection(component, for: key, kind: kind, snapshot: snapshot, config: config, contentLabel: label) {
            planned += files(collection)
        }
        let title = ContentPath.displayName(ContentPath.lastComponent(of: kind == .space ? key.directory : key.name))
        return planned + files(ScaffoldPage(key: key, title: title, settings: kind.required, body: kind.body))
    }

    /// The page of `path`: `city/about` is a page's, `city` a space's `_index`.
    private static func key(of kind: NewContentKind, path: String, contentLabel: String) throws -> ContentKey {
        var relative = Substring(path)
        for prefix in ["./", contentLabel + "/"] where relative.hasPrefix(prefix) { relative = relative.dropFirst(prefix.count) }
        while relative.hasSuffix("/") { relative = relative.dropLast() }
        if relative.hasSuffix(".md") { relative = relative.dropLast(3) }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !relative.isEmpty, parts.allSatisfy({ Slug.isValid($0) && !$0.hasPrefix("_") }) else {
            throw refusal(path, "`\(path)` cannot name a \(kind.rawValue)",
                          hint: "give its path inside \(contentLabel)/ in letters, digits and `-`, without language or `.md`, e.g. `city/bike-lanes`: sitegen writes a file per language")
        }
        let joined = parts.joined(separator: "/")
        return kind == .space ? ContentKey(directory: joined, name: "_index") : ContentKey(directory: ContentPath.parent(of: joined), name: parts.last!)
    }

    /// The collection `_index` to write with an item, nil when its folder is already a collection of its kind.
    private static func collection(_ component: ComponentKind, for key: ContentKey, kind: NewContentKind, snapshot: ContentSnapshot,
                                   config: SiteConfig, contentLabel: String) throws -> ScaffoldPage? {
        let folder = key.directory
        let needed = "a \(kind.rawValue) goes in a folder whose `_index` has `component: \(component.rawValue)`"
        let documents = DocumentParser.parse(snapshot, site: config, contentLabel: contentLabel, sink: DiagnosticSink())
        switch DocumentParser.components(of: documents)[folder] {
        case component?:
            return nil
        case let other?:
            throw refusal(ContentPath.join(contentLabel, folder), "this folder is a `\(other.rawValue)` collection", hint: needed)
        case nil:
            let section = ContentKey(directory: folder, name: "_index")
            if let index = snapshot.pages.first(where: { ContentFileName.parse(relativePath: $0.relativePath)?.key == section }) {
                throw refusal(ContentPath.join(contentLabel, index.relativePath), "this folder is not a `\(component.rawValue)` collection",
                              hint: "\(needed): add `component: \(component.rawValue)` here, or choose another folder")
            }
            guard !folder.isEmpty else {
                throw refusal(key.name, "\(needed), not the site's first folder", hint: "e.g. `city/\(component.rawValue)/\(key.name)`")
            }
            return ScaffoldPage(key: section, title: ContentPath.displayName(ContentPath.lastComponent(of: folder)),
                                settings: CollectionSettings.required(for: component), body: "")
        }
    }

    static let neverOverwrites = "sitegen new never overwrites: choose another name, or edit the file"

    static func refusal(_ file: String, _ message: String, hint: String) -> BuildFailure {
        BuildFailure(diagnostics: [Diagnostic(.error, file: file, message, hint: hint)])
    }
}
