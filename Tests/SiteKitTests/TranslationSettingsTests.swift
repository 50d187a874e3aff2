import Foundation
import Model
import XCTest
@testable import SiteKit

/// Issue 21, points 1 and 2: settings are written once, in the default-language file; a translation gives texts,
/// inherits every setting it leaves out, and may repeat one only with the same value.
final class TranslationSettingsTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    /// French first, English translations that carry texts only, as a town hall's communicator writes them.
    private static let site = """
    -- content/site.yaml --
    title:
      fr: Ville
      en: Town
    base_url: https://example.org/
    default_language: fr
    languages:
      - code: fr
        name: Français
      - code: en
        name: English
    -- content/_index.fr.md --
    ---
    title: Accueil
    ---
    -- content/budget/_index.fr.md --
    ---
    title: Budget participatif
    kind: budget
    phases:
      - id: idees
        title: Idées
        start: 2026-01-01
        end: 2026-02-28
        actions: [propose]
      - id: vote
        title: Vote
        description: Choisissez vos projets.
        start: 2026-05-01
        end: 2026-06-30
        actions: [vote]
    categories:
      - id: parcs
        title: Parcs
    ---
    -- content/budget/_index.en.md --
    ---
    title: Participatory budget
    phases:
      - id: vote
        title: Voting
    categories:
      - id: parcs
        title: Parks
    ---
    -- content/budget/projets/_index.fr.md --
    ---
    title: Projets
    component: budget
    total: 100000
    currency: EUR
    eligibility: open
    ---
    -- content/budget/projets/_index.en.md --
    ---
    title: Projects
    ---
    -- content/budget/projets/bancs.fr.md --
    ---
    title: Bancs-fontaines
    cost: 40000
    category: parcs
    ---
    -- content/budget/projets/bancs.en.md --
    ---
    title: Benches with fountains
    ---
    -- content/petitions/_index.fr.md --
    ---
    title: Pétitions
    kind: petitions
    component: petitions
    phases:
      - id: signature
        title: Signatures
        start: 2026-01-01
        end: 2026-12-31
        actions: [sign]
    thresholds:
      - count: 1000
        consequence: La commission l'examine.
    identity_fields:
      - id: nom
        label: Votre nom
      - id: courriel
        kind: email
        label: Votre courriel
    ---
    -- content/petitions/_index.en.md --
    ---
    title: Petitions
    thresholds:
      - count: 1000
        consequence: The committee examines it.
    identity_fields:
      - id: nom
        label: Your name
    ---
    -- content/petitions/arbres.fr.md --
    ---
    title: Des arbres rue Haute
    ---
    -- content/petitions/arbres.en.md --
    ---
    title: Trees on High Street
    ---
    -- content/enquete.fr.md --
    ---
    title: Votre avis
    type: survey
    opens: 2026-05-01
    closes: 2026-06-30
    questions:
      - id: satisfaction
        type: multiple
        title: Qu'aimez-vous ?
        required: true
        max: 2
        choices:
          - id: parcs
            title: Les parcs
          - id: rues
            title: Les rues
          - id: marches
            title: Les marchés
      - id: avis
        type: long_text
        title: Votre avis
        required: true
        max_length: 500
    ---
    -- content/enquete.en.md --
    ---
    title: Your opinion
    questions:
      - id: satisfaction
        title: What do you like?
        choices:
          - id: parcs
            title: Parks
          - id: rues
            title: Streets
          - id: marches
            title: Markets
      - id: avis
        title: Your opinion
    ---
    """

    private func fixture(_ files: String = site) throws -> SiteFixture {
        let site = try SiteFixture(files)
        fixtures.append(site)
        return site
    }

    private func manifest(_ site: SiteFixture) throws -> BallotManifest {
        try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: site.output.appendingPathComponent("ballots.json")))
    }

    func testATranslationWithoutSettingsInheritsEveryOneOfThem() throws {
        let site = try fixture()
        let report = try site.build()
        XCTAssertEqual(report.warnings.filter { !$0.message.contains("UI string") }, [])
        let forms = try manifest(site).forms
        let vote = try XCTUnwrap(forms.first { $0.id == "budget/projets/vote" })
        XCTAssertEqual(vote.options.map(\.cost), [40000])
        XCTAssertEqual(vote.options.map(\.title), [["fr": "Bancs-fontaines", "en": "Benches with fountains"]])
        XCTAssertEqual(vote.closes, DateParsing.parse("2026-07-01"))
        let sign = try XCTUnwrap(forms.first { $0.id == "petitions/arbres/sign" })
        XCTAssertEqual(sign.thresholds.map(\.consequence), [["fr": "La commission l'examine.", "en": "The committee examines it."]])
        XCTAssertEqual(sign.identityFields.map(\.label), [["fr": "Votre nom", "en": "Your name"], ["fr": "Votre courriel", "en": "Votre courriel"]],
                       "a label the translation leaves out is the default language's")
        XCTAssertEqual(sign.identityFields.map(\.kind), [.text, .email])

        let space = try site.read("en/budget/index.html")
        XCTAssertContains(space, "Voting")
        XCTAssertContains(space, "Idées")
        XCTAssertContains(space, "Choisissez vos projets.")
        XCTAssertContains(try site.read("en/budget/projets/bancs/index.html"), "€40,000")
        XCTAssertContains(try site.read("en/budget/projets/index.html"), "data-form-id=\"budget/projets/vote\"")
    }

    func testTheSurveyOfATranslationAsksByTheDefaultLanguagesRules() throws {
        let site = try fixture()
        try site.build()
        let survey = try XCTUnwrap(try manifest(site).forms.first { $0.id == "enquete/answers" })
        XCTAssertEqual(survey.questions.map(\.kind), [.multiple, .longText])
        XCTAssertEqual(survey.questions.map(\.required), [true, true])
        XCTAssertEqual(survey.questions.map(\.maxChoices), [2, nil])
        XCTAssertEqual(survey.questions.map(\.maxLength), [nil, 500])
        XCTAssertEqual(survey.questions.map { $0.title["en"] }, ["What do you like?", "Your opinion"])
        XCTAssertEqual(survey.closes, DateParsing.parse("2026-07-01"))
        // The English page's form asks what the collector checks, so the kiosk takes the English answer.
        let page = try site.read("en/enquete/index.html")
        XCTAssertContains(page, "data-question=\"satisfaction\" data-required data-max=\"2\"")
        XCTAssertContains(page, ">Markets</label>")
        XCTAssertContains(page, "maxlength=\"500\" required></textarea>")
    }

    func testARepeatedSettingIsAcceptedWhenItIsTheSameAndAnErrorNamingBothFilesWhenNot() throws {
        let site = try fixture()
        try site.write("""
        -- content/budget/projets/bancs.en.md --
        ---
        title: Benches with fountains
        cost: 40000
        category: "parcs"
        ---
        -- content/enquete.en.md --
        ---
        title: Your opinion
        type: survey
        questions:
          - id: avis
            type: long_text
            title: Your opinion
            max_length: 2000
        ---
        -- content/budget/_index.en.md --
        ---
        title: Participatory budget
        kind: budget
        phases:
          - id: vote
            title: Voting
            start: 2026-05-01
            end: 2026-07-01
        ---
        """)
        let errors = site.failingBuild().filter { $0.severity == .error }
        XCTAssertEqual(errors.map { "\($0.file):\($0.line): \($0.message)" }, [
            "content/budget/_index.en.md:8: `end` in the `phases` entry `vote` is `2026-07-01` here but `2026-06-30` in content/budget/_index.fr.md:14",
            "content/enquete.en.md:8: `max_length` in the `questions` entry `avis` is `2000` here but `500` in content/enquete.fr.md:23",
        ])
        XCTAssertContains(errors[0].hint ?? "", "settings come from the default-language file")
        XCTAssertEqual(errors[0].step, "parse")
    }

    func testATranslationCannotAddWhatTheDefaultFileDoesNotSet() throws {
        let site = try fixture()
        try site.write("""
        -- content/budget/_index.en.md --
        ---
        title: Participatory budget
        phases:
          - id: voting
            title: Voting
        ---
        -- content/budget/projets/bancs.en.md --
        ---
        titel: Benches with fountains
        title: Benches
        scope: centre
        ---
        """)
        let errors = site.failingBuild().filter { $0.severity == .error }
        XCTAssertEqual(errors.map { "\($0.file):\($0.line): \($0.message)" }, [
            "content/budget/_index.en.md:4: content/budget/_index.fr.md has no entry of `phases` whose `id` is `voting`",
            "content/budget/projets/bancs.en.md:2: `titel` is not a text, and content/budget/projets/bancs.fr.md does not set it",
            "content/budget/projets/bancs.en.md:4: `scope` is not a text, and content/budget/projets/bancs.fr.md does not set it",
        ])
        XCTAssertContains(errors[0].hint ?? "", "use one of: idees, vote")
        XCTAssertContains(errors[1].hint ?? "", "did you mean `title`?")
    }

    func testAMistakeInASettingIsReportedAtTheDefaultFileAloneNotAgainAtEachTranslation() throws {
        let site = try fixture()
        try site.write("-- content/budget/projets/bancs.fr.md --\n---\ntitle: Bancs-fontaines\ncost: beaucoup\n---\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        XCTAssertEqual(errors.map { "\($0.file):\($0.line): \($0.message)" }, ["content/budget/projets/bancs.fr.md:3: `cost` must be a whole number"])
    }

    func testAParticipantsFileOfTheSameNameIsNotReadAsATranslation() throws {
        let site = try fixture()
        try site.write("""
        -- content/petitions/arbres.en.md --
        ---
        title: Trees for the square
        date: 2026-02-03
        moderation: accepted
        receipt: 4f2a0a0c
        ---
        Trees, please.
        """)
        try site.build()
        XCTAssertContains(try site.read("en/petitions/arbres/index.html"), "Trees, please.")
    }

    func testAnEditedTranslationIsStillReRenderedAloneOverItsDefaultFile() throws {
        let site = try fixture()
        let builder = SiteBuilder(options: site.options())
        _ = try builder.build()
        try site.write("-- content/budget/projets/bancs.en.md --\n---\ntitle: Benches with fountains\n---\nNow with shade.")
        let report = try XCTUnwrap(try builder.rebuild(changed: [site.content.appendingPathComponent("budget/projets/bancs.en.md")]))
        XCTAssertEqual(report.files, 1)
        XCTAssertContains(try site.read("en/budget/projets/bancs/index.html"), "Now with shade.")
        XCTAssertContains(try site.read("en/budget/projets/bancs/index.html"), "€40,000")
    }
}
