import XCTest
@testable import SiteKit

final class FrontMatterTests: XCTestCase {
    private func parse(_ text: String, isSection: Bool = false) -> (PageMeta?, [Diagnostic]) {
        let sink = DiagnosticSink()
        guard let split = FrontMatterSplit.split(text) else { return (nil, []) }
        let meta = FrontMatterParser.reader(split, file: "content/page.md", sink: sink, hint: FrontMatterParser.pageHint)
            .flatMap { FrontMatterParser.parse($0, role: isSection ? .section : .page) }
        return (meta, sink.all)
    }

    func testSplitsFrontMatterAndKnowsWhereTheBodyStarts() throws {
        let split = try XCTUnwrap(FrontMatterSplit.split("---\ntitle: A\ndate: 2026-01-02\n---\nBody line\n"))
        XCTAssertEqual(split.yaml, "title: A\ndate: 2026-01-02\n")
        XCTAssertEqual(split.body, "Body line\n")
        XCTAssertEqual(split.bodyLine, 5)
    }

    func testAFileWithoutFrontMatterIsAllBodyAndAnUnclosedOneIsRefused() {
        XCTAssertEqual(FrontMatterSplit.split("Just text")?.body, "Just text")
        XCTAssertNil(FrontMatterSplit.split("---\ntitle: A\nno end"))
    }

    func testReadsEveryKnownField() throws {
        let (meta, diagnostics) = parse("""
        ---
        title: Budget rules
        description: How the vote works
        date: 2026-03-01T18:30:00+01:00
        publish: 2026-02-01
        expire: 2027-01-01
        draft: true
        slug: regles
        weight: 3
        tags: [budget, rules]
        type: news
        author: The team
        ---
        """)
        XCTAssertEqual(diagnostics, [])
        let page = try XCTUnwrap(meta)
        XCTAssertEqual(page.title, "Budget rules")
        XCTAssertEqual(page.date, DateParsing.parse("2026-03-01T17:30:00Z"))
        XCTAssertEqual(page.slug, "regles")
        XCTAssertEqual(page.weight, 3)
        XCTAssertEqual(page.tags, ["budget", "rules"])
        XCTAssertEqual(page.type, .news)
        XCTAssertTrue(page.draft)
    }

    func testAMisspeltKeyIsAnErrorAtItsLineWithASuggestion() {
        let (_, diagnostics) = parse("---\ntitle: A\ndescriptoin: typo\n---\n")
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics.first?.line, 3)
        XCTAssertEqual(diagnostics.first?.message, "unknown key `descriptoin` in a page's front matter")
        XCTAssertEqual(diagnostics.first?.hint, "did you mean `description`?")
    }

    func testAMissingTitleAndWrongTypesAreReportedTogether() {
        let (meta, diagnostics) = parse("---\nweight: heavy\ndate: yesterday\ndraft: maybe\n---\n")
        XCTAssertNil(meta)
        let messages = diagnostics.map(\.message)
        XCTAssertTrue(messages.contains("missing required field `title`"))
        XCTAssertTrue(messages.contains("`weight` must be a whole number"))
        XCTAssertTrue(messages.contains("`date` is not a date"))
        XCTAssertTrue(messages.contains("`draft` must be true or false"))
        XCTAssertEqual(diagnostics.first { $0.message.hasPrefix("`date`") }?.line, 3)
    }

    func testInvalidYAMLPointsAtTheFileLine() {
        let (_, diagnostics) = parse("---\ntitle: A\ntags: [one, two\nweight: 1\n---\n")
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertTrue(diagnostics[0].message.hasPrefix("invalid YAML"), diagnostics[0].message)
        XCTAssertGreaterThanOrEqual(diagnostics[0].line, 3)
    }

    func testSectionColoursAreCheckedForFormatAndContrast() {
        let (meta, diagnostics) = parse("---\ntitle: Ward 1\ncolors:\n  primary: \"#0b6e4f\"\n---\n", isSection: true)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(meta?.style?.colors["primary"], "#0b6e4f")
        let (_, bad) = parse("---\ntitle: Ward 2\ncolors:\n  primary: \"#ffdd00\"\n  accent: red\n---\n", isSection: true)
        XCTAssertTrue(bad.contains { $0.message == "colour `red` is not a hex colour" && $0.line == 5 })
        XCTAssertTrue(bad.contains { $0.message.contains("below WCAG AA's 4.5:1") })
        let (_, page) = parse("---\ntitle: A page\ncolors:\n  primary: \"#000000\"\n---\n")
        XCTAssertTrue(page.contains { $0.message == "unknown key `colors` in a page's front matter" })
    }

    func testDatesInTheFormsCommunicatorsWrite() {
        XCTAssertEqual(DateParsing.parse("1970-01-02"), Date(timeIntervalSince1970: 86400))
        XCTAssertEqual(DateParsing.parse("2026-03-01 10:15"), DateParsing.parse("2026-03-01T10:15:00Z"))
        XCTAssertEqual(DateParsing.parse("2024-02-29T00:00:00Z")?.timeIntervalSince1970, 1709164800)
        XCTAssertEqual(DateParsing.parse("2026-03-01T12:00:00.250-02:00"), DateParsing.parse("2026-03-01T14:00:00Z"))
        let paris = TimeZone(identifier: "Europe/Paris")!
        XCTAssertEqual(DateParsing.parse("2026-03-01", timeZone: paris), DateParsing.parse("2026-02-28T23:00:00Z"))
        XCTAssertEqual(DateParsing.parse("2026-07-01 08:30", timeZone: paris), DateParsing.parse("2026-07-01T06:30:00Z"))
        XCTAssertEqual(DateParsing.parse("2026-07-01T08:30:00Z", timeZone: paris), DateParsing.parse("2026-07-01T08:30:00Z"))
        XCTAssertNil(DateParsing.parse("2026-13-01"))
        XCTAssertNil(DateParsing.parse("1 March 2026"))
        XCTAssertNil(DateParsing.parse("2026-03-01T25:00"))
    }
}
