import Foundation
import XCTest
@testable import SiteKit

/// Issue 21, point 10: docs/CONTENT.md documents every key sitegen reads in site.yaml, and `--clock` and `vote_in`.
final class SiteConfigDocumentationTests: XCTestCase {
    private let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/CONTENT.md")

    func testEverySiteKeyHasARowInTheSiteYamlTable() throws {
        let text = try String(contentsOf: content, encoding: .utf8)
        let section = try XCTUnwrap(text.components(separatedBy: "## `site.yaml`\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        for key in SiteConfig.keys { XCTAssertTrue(section.contains("| `\(key)` |"), "site.yaml's `\(key)` has no row") }
        for key in ["code", "name", "direction"] { XCTAssertTrue(section.contains("`\(key)`"), "a language's `\(key)` is not described") }
        XCTAssertTrue(section.contains("--clock"))
        XCTAssertTrue(text.contains("`vote_in`"))
    }
}
