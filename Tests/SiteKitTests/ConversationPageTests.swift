import Foundation
import Model
import XCTest
@testable import SiteKit

/// An opinion conversation's page: its statements and forms in each language, its manifest entry, its published map.
final class ConversationPageTests: XCTestCase {
    static let site = SiteFixture.site + """

    -- content/site.yaml --
    title:
      en: Test District
      fr: District test
    base_url: https://example.org/
    collector_url: https://vote.example.org/
    default_language: en
    languages:
      - code: en
        name: English
      - code: fr
        name: Français
    -- content/talk.en.md --
    ---
    title: What makes a school safe?
    type: conversation
    opens: 2026-05-01
    closes: 2026-06-30
    max_length: 120
    statements:
      - id: s1
        text: More counsellors, fewer cameras.
      - id: s2
        text: Lock every entrance.
    ---
    React to each statement.
    -- content/talk.fr.md --
    ---
    title: Qu’est-ce qui rend une école sûre ?
    type: conversation
    statements:
      - id: s1
        text: Plus de conseillers, moins de caméras.
      - id: s2
        text: Verrouiller chaque entrée.
    ---
    Réagissez à chaque proposition.
    -- content/_results/talk.json --
    {"form": "talk/opinions", "kind": "opinion", "counted_at": "2026-05-30T10:00:00Z",
     "participation": {"submitted": 9, "valid": 9, "rejected": 0}, "options": [], "thresholds": [],
     "questions": [{"id": "s1", "answered": 4, "counts": {"agree": 3, "disagree": 1}}, {"id": "s2", "answered": 4, "counts": {"agree": 2, "pass": 2}}],
     "opinion_map": {"participants": 4, "statements": 2, "minimum_votes": 2, "explained_variance": [0.8, 0.2],
       "groups": [{"id": 0, "size": 2, "members": ["a", "b"], "distinctive": [{"statement": "s1", "stance": "agree", "probability": 0.75, "ratio": 3, "agree": 2, "disagree": 0, "seen": 2}]},
                  {"id": 1, "size": 2, "members": ["c", "d"], "distinctive": [{"statement": "s1", "stance": "disagree", "probability": 0.5, "ratio": 2, "agree": 1, "disagree": 1, "seen": 2}]}],
       "points": [{"participant": "a", "x": -1, "y": 0.5, "group": 0}, {"participant": "b", "x": -0.8, "y": 0.2, "group": 0},
                  {"participant": "c", "x": 1, "y": -0.4, "group": 1}, {"participant": "d", "x": 0.9, "y": 0.1, "group": 1}],
       "consensus": [{"statement": "s2", "stance": "agree", "score": 0.36}]}}
    """

    func testTheConversationIsAnOpinionFormWithAStatementFormAndTranslatedStatements() throws {
        let fixture = try SiteFixture(Self.site)
        defer { fixture.remove() }
        try fixture.build()
        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: fixture.output.appendingPathComponent("ballots.json")))
        let opinions = try XCTUnwrap(manifest.forms.first { $0.id == "talk/opinions" })
        XCTAssertEqual(opinions.kind, .opinion)
        XCTAssertEqual(opinions.eligibility, .open)
        XCTAssertEqual(opinions.options.map(\.id), ["s1", "s2"])
        XCTAssertEqual(opinions.options[0].title, ["en": "More counsellors, fewer cameras.", "fr": "Plus de conseillers, moins de caméras."])
        let statement = try XCTUnwrap(manifest.forms.first { $0.id == "talk/statement" })
        XCTAssertEqual(statement.kind, .comment)
        XCTAssertEqual(statement.constraints.maxTextLength, 120)

        let page = try fixture.read("fr/talk/index.html")
        XCTAssertContains(page, #"<form method="post" action="https://vote.example.org/v1/forms/talk/opinions" data-form-id="talk/opinions" data-conversation>"#)
        XCTAssertContains(page, #"<p class="statement-text" id="statement-s1" tabindex="-1">Plus de conseillers, moins de caméras.</p>"#)
        XCTAssertContains(page, #"<button type="submit" name="opinion.s2" value="disagree">"#)
        XCTAssertContains(page, #"<textarea id="text-statement" name="text" rows="3" required maxlength="120"></textarea>"#)
        XCTAssertContains(page, "js/conversation.")
    }

    func testThePublishedMapShowsGroupsAsShapesAndTheSameContentAsTables() throws {
        let fixture = try SiteFixture(Self.site)
        defer { fixture.remove() }
        try fixture.build()
        let page = try fixture.read("en/talk/index.html")
        XCTAssertContains(page, #"<svg class="opinion-map""#)
        XCTAssertEqual(page.components(separatedBy: "<circle ").count - 1, 2, "group A's two participants are circles")
        XCTAssertEqual(page.components(separatedBy: "<rect ").count - 1, 2, "group B's two participants are squares")
        XCTAssertContains(page, "<h4>Group A: 2 participants</h4>")
        XCTAssertContains(page, #"<tr><th scope="row">More counsellors, fewer cameras.</th><td>Agree</td><td>75 %</td></tr>"#)
        XCTAssertContains(page, #"<tr><th scope="row">Lock every entrance.</th><td>Agree</td><td>36 %</td></tr>"#)
        XCTAssertContains(page, #"<tr><th scope="row">Lock every entrance.</th><td>2</td><td>0</td><td>2</td></tr>"#)
    }

    func testAConversationWithoutStatementsIsAnErrorNamingTheFile() throws {
        let fixture = try SiteFixture(Self.site.replacingOccurrences(of: """
            statements:
              - id: s1
                text: More counsellors, fewer cameras.
              - id: s2
                text: Lock every entrance.
            ---
            React
            """, with: "---\nReact"))
        defer { fixture.remove() }
        let messages = fixture.failingBuild().map(\.description)
        XCTAssertTrue(messages.contains { $0.contains("talk.en.md") && $0.contains("a conversation needs seed statements") }, "\(messages)")
    }
}
