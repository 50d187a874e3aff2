import Foundation
import Model
import XCTest
@testable import SiteKit

/// The repository's own example content: the five reference consultations, built as the README builds them.
final class ExampleSiteTests: XCTestCase {
    func testTheExampleSiteBuildsWithoutAWarningAndEveryFormMatchesTheManifest() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(contentDirectory: repository.appendingPathComponent("content"), outputDirectory: output)
        options.runPagefind = false
        options.strict = true
        options.now = DateParsing.parse("2026-11-26T12:00:00Z")!
        let report = try SiteBuilder(options: options).build()
        XCTAssertEqual(report.warnings, [])
        XCTAssertEqual(Set(report.pagesPerLanguage.map(\.language)), ["en", "fr", "es", "ar"])
        XCTAssertGreaterThan(report.forms, 20)

        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: output.appendingPathComponent("ballots.json")))
        let ids = Set(manifest.forms.map(\.id))
        var seen: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!
        for case let file as URL in enumerator where file.pathExtension == "html" {
            let html = try String(contentsOf: file, encoding: .utf8)
            var rest = Substring(html)
            while let range = rest.range(of: "data-form-id=\"") {
                let tail = rest[range.upperBound...]
                let id = String(tail.prefix { $0 != "\"" })
                XCTAssertTrue(ids.contains(id), "\(file.path) shows form \(id), which ballots.json does not list")
                seen.insert(id)
                rest = tail
            }
        }
        let openForms = manifest.forms.filter { $0.isOpen(at: options.now) }.map(\.id)
        XCTAssertFalse(openForms.isEmpty)
        for id in openForms { XCTAssertTrue(seen.contains(id), "open form \(id) appears on no page") }
        let arabic = try String(contentsOf: output.appendingPathComponent("ar/index.html"), encoding: .utf8)
        XCTAssertTrue(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
    }
}
