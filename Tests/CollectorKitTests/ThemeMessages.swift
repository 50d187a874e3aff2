import CollectorKit
import Foundation
import Model
@testable import SiteKit

/// The collector's words as `sitegen build` writes them, from the default theme, for a small site in given languages.
enum ThemeMessages {
    static let directory = BuiltInThemes.searchPaths.last!.appendingPathComponent("default/i18n")

    /// Every language the default theme ships.
    static var themeLanguages: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(".yaml".count)) }.sorted() ?? []
    }

    /// `collector.json` of a site at https://consult.example.org/ in `languages`, the first its default.
    static func catalog(_ languages: [String]) throws -> CollectorCatalog {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("collector-words-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let list = languages.map { "  - code: \($0)\n    name: \($0)\n" }.joined()
        try "title:\n  \(languages[0]): Test City\nbase_url: https://consult.example.org/\ndefault_language: \(languages[0])\nlanguages:\n\(list)"
            .write(to: content.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        try "---\ntitle: Home\n---\nWelcome.\n".write(to: content.appendingPathComponent("_index.\(languages[0]).md"), atomically: true, encoding: .utf8)
        var options = BuildOptions(contentDirectory: content, outputDirectory: root.appendingPathComponent("public"))
        options.runPagefind = false
        try SiteBuilder(options: options).build()
        return try JSONDecoder().decode(CollectorCatalog.self, from: Data(contentsOf: options.outputDirectory.appendingPathComponent(CollectorCatalog.fileName)))
    }

    /// Writes `manifest` to `ballots.json` in `directory` (a new folder by default) with the words of
    /// `Fixtures.messages` beside it as `collector.json`; returns the manifest's path.
    static func writeSite(_ manifest: BallotManifest, in directory: URL? = nil) throws -> String {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try BallotManifest.encoder().encode(manifest).write(to: folder.appendingPathComponent("ballots.json"))
        try BallotManifest.encoder().encode(Fixtures.messages.catalog).write(to: folder.appendingPathComponent(CollectorCatalog.fileName))
        return folder.appendingPathComponent("ballots.json").path
    }
}
