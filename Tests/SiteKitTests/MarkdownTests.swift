import XCTest
@testable import SiteKit

final class MarkdownTests: XCTestCase {
    private func html(_ markdown: String, allowHTML: Bool = false) -> String {
        MarkdownRenderer.render(markdown, allowHTML: allowHTML) { _ in nil }
    }

    func testGitHubFlavouredExtensions() {
        let output = html("""
        | a | b |
        |:-:|---|
        | 1 | 2 |

        ~~gone~~ and https://example.org

        - [x] done
        - [ ] todo

        A note[^1].

        [^1]: The footnote.
        """)
        XCTAssertContains(output, "<table>")
        // The pages' Content-Security-Policy refuses style attributes: an aligned column is aligned by a class.
        XCTAssertContains(output, "<th class=\"align-center\">a</th>")
        XCTAssertContains(output, "<td class=\"align-center\">1</td>")
        XCTAssertNotContains(output, "style=")
        XCTAssertContains(output, "<del>gone</del>")
        XCTAssertContains(output, "<a href=\"https://example.org\">https://example.org</a>")
        XCTAssertContains(output, "<li><label><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</label></li>")
        XCTAssertContains(output, "<li><label><input type=\"checkbox\" disabled=\"\" /> todo</label></li>")
        XCTAssertContains(output, "class=\"footnotes\"")
    }

    func testHeadingsGetUniqueAnchorsInAnyScript() {
        let output = html("## What we keep\n\n## What we keep\n\n### الميزانية `2026`\n")
        XCTAssertContains(output, "<h2 id=\"what-we-keep\">What we keep</h2>")
        XCTAssertContains(output, "<h2 id=\"what-we-keep-1\">What we keep</h2>")
        XCTAssertContains(output, "<h3 id=\"الميزانية-2026\">الميزانية <code>2026</code></h3>")
    }

    func testRawHTMLIsShownAsTextUnlessAllowed() {
        let escaped = html("<script>alert(1)</script>\n\nHi <b>there</b>")
        XCTAssertNotContains(escaped, "<script>")
        XCTAssertContains(escaped, "&lt;script&gt;alert(1)&lt;/script&gt;")
        XCTAssertContains(escaped, "&lt;b&gt;there&lt;/b&gt;")
        let allowed = html("<div class=\"box\">kept</div>\n\n<script>x</script>", allowHTML: true)
        XCTAssertContains(allowed, "<div class=\"box\">kept</div>")
        XCTAssertNotContains(allowed, "<script>", )
    }

    func testReferencesAreRewrittenWithTheirLines() {
        var seen: [MarkdownReference] = []
        let output = MarkdownRenderer.render("Intro\n\nSee [the rules](rules.md#vote)\nand ![map](map.png).\n", allowHTML: false) { reference in
            seen.append(reference)
            return reference.isImage ? "/files/map.png" : "/en/rules/#vote"
        }
        XCTAssertEqual(seen.map(\.destination), ["rules.md#vote", "map.png"])
        XCTAssertEqual(seen.map(\.line), [3, 4])
        XCTAssertEqual(seen.map(\.isImage), [false, true])
        XCTAssertContains(output, "<a href=\"/en/rules/#vote\">the rules</a>")
        XCTAssertContains(output, "<img src=\"/files/map.png\" alt=\"map\" />")
    }
}
