import Foundation
import XCTest
@testable import SiteKit

/// A whole test site written from one string, in Hugo's `-- path --` fixture style, into a temporary folder.
struct SiteFixture {
    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var output: URL { root.appendingPathComponent("public") }

    init(_ files: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write(files)
    }

    /// Writes (or overwrites) the files of a fixture string; paths are relative to the project folder.
    func write(_ files: String) throws {
        var path: String?
        var lines: [Substring] = []
        func flush() throws {
            guard let path else { return }
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        for line in files.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --") {
                try flush()
                path = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        try flush()
    }

    func options(_ configure: (inout BuildOptions) -> Void = { _ in }) -> BuildOptions {
        var options = BuildOptions(contentDirectory: content, outputDirectory: output)
        options.runPagefind = false
        options.now = DateParsing.parse("2026-06-01T12:00:00Z")!
        configure(&options)
        return options
    }

    @discardableResult
    func build(_ configure: (inout BuildOptions) -> Void = { _ in }) throws -> BuildReport {
        try SiteBuilder(options: options(configure)).build()
    }

    /// Builds expecting failure; returns the diagnostics.
    func failingBuild(_ configure: (inout BuildOptions) -> Void = { _ in }, file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        do {
            try build(configure)
            XCTFail("the build should have failed", file: file, line: line)
            return []
        } catch let failure as BuildFailure {
            return failure.diagnostics
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return []
        }
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// A small four-language site with one right-to-left language, used by most tests.
    static let site = """
    -- content/site.yaml --
    title:
      en: Test City
      fr: Ville test
      es: Ciudad de prueba
      ar: مدينة الاختبار
    base_url: https://example.org/
    default_language: en
    languages:
      - code: en
        name: English
      - code: fr
        name: Français
      - code: es
        name: Español
      - code: ar
        name: العربية
    -- content/_index.en.md --
    ---
    title: Home
    ---
    Welcome home.
    -- content/_index.fr.md --
    ---
    title: Accueil
    ---
    Bienvenue.
    """
}

/// Asserts `text` contains `fragment`, showing the text when it does not.
func XCTAssertContains(_ text: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(text.contains(fragment), "expected to find \(fragment) in:\n\(text.prefix(3000))", file: file, line: line)
}

func XCTAssertNotContains(_ text: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(text.contains(fragment), "did not expect \(fragment) in:\n\(text.prefix(3000))", file: file, line: line)
}
