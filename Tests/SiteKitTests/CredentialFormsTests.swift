import Foundation
import Model
import XCTest
@testable import SiteKit

/// Issue 23: petitions signed with credentials. site.yaml names each roll's issuer; the manifest carries the
/// issuer's key, the signing form asks no one's name, and the pages may call the issuer; a mistake is an error at
/// its line.
final class CredentialFormsTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    /// Two issuers' public keys (2048-bit RSA, SubjectPublicKeyInfo in base64url), made once for this file.
    static let key = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvQdHbdKZ8MBE0YYHjzvq8ONVVNgX00Eg_VYgOHXbtYqNwVB2QlR2BuihQJLI1HIZY5TkCkcoaToM4bSV60hhii6JsCRtgOepTqPMW-iQin6a4KTwezSTiBcVmCYWUJocebQT9VAjcRnzWMlAw4AnqtQ_3KUirYH4s2C2WGQsdzRmxa95vGI3wYctLpZJ4LxcDPecHBXATcWM8-bGr63GnYVcVJUjLHXwFXwlV31vmdZKSb-G31mStuEFyqAKsJrwEd1_yB3AOXz98HbohptbaWr-YJsMfFSLn6h5igxiipmsuLLEOq88S9wIzxokFgRWtzDvotQ7aXbLG0dHeyj_dQIDAQAB"
    static let otherKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA9gh0AbcphiTq4NNBUhRY5jiUb33Us2Oc20HDFR-4g-QhgGgDxs3GrHk_9jMfxTJazIa9CKw-06YkvU_JVwT4Nz8-hfJ_wl0UfETUEutuXCFLECP5gGdnBPfqImBIfptvlRrS8tHVdnE6T1SFVaEHc5l5r9f51AKcZPbfY2uhRFGQKLIzBRR6JEyVBHXMHuSCcaCle0c_kTMgKr9e4WKEhoL37nMDogzNab3OKEj4dRrXZnBveNO6TJi6ar036xpphuTl8XAUsv8H5BbrEZs5dvoRuvN5yR8ZknWSxfckZDo_DDoJYth_sJgvOywvnCSle3p1En4Gck8fAGNFy7UeTwIDAQAB"

    private static func site(issuers: String = "credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: \(key)",
                             roll: String = "adults", eligibility: String = "credential",
                             fields: String = "  - {id: name, label: Nom}") -> String {
        """
        -- content/site.yaml --
        title: Assemblée
        base_url: https://consult.example.org/
        languages:
          - code: fr
            name: Français
        \(issuers)
        -- content/_index.fr.md --
        ---
        title: Accueil
        ---
        -- content/petitions/_index.fr.md --
        ---
        title: Pétitions
        component: petitions
        eligibility: \(eligibility)
        roll: \(roll)
        filing: true
        identity_fields:
        \(fields)
        thresholds:
          - {count: 100000, consequence: Débat en séance}
        ---
        -- content/petitions/rues-calmes.fr.md --
        ---
        title: Des rues calmes
        state: open
        ---
        Moins de bruit.
        """
    }

    private func fixture(_ text: String) throws -> SiteFixture {
        let site = try SiteFixture(text)
        fixtures.append(site)
        return site
    }

    func testACredentialPetitionCarriesItsIssuersKeyAsksNoNameAndMayCallTheIssuer() throws {
        let site = try fixture(Self.site())
        try site.build()
        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(try site.read("ballots.json").utf8))
        let sign = try XCTUnwrap(manifest.form("petitions/rues-calmes/sign"))
        XCTAssertEqual(sign.eligibility, .credential)
        XCTAssertEqual(sign.roll, "adults")
        XCTAssertEqual(sign.issuerKey, Self.key)
        XCTAssertEqual(sign.identityFields, [], "a credential signer gives no name")
        XCTAssertNoThrow(try sign.readIssuerKey())
        XCTAssertEqual(manifest.issuers, ["adults": "https://id.example.org/"], "a kiosk's collector lets its pages call the issuer")
        let file = try XCTUnwrap(manifest.form("petitions/file"))
        XCTAssertEqual(file.eligibility, .open, "filing is the identified path")
        XCTAssertEqual(file.identityFields.map(\.id), ["name"])
        let page = try site.read("fr/petitions/rues-calmes/index.html")
        XCTAssertTrue(page.contains("connect-src 'self' https://id.example.org;"), "the page's script may ask the issuer for a credential")
        XCTAssertFalse(page.contains("name=\"identity.name\""), "no name field on the signing form")
        XCTAssertTrue(page.contains("data-issuer-url=\"https://id.example.org/\" data-issuer-key=\"\(Self.key)\""), "the page's script finds the issuer")
        XCTAssertTrue(page.contains("Vous signez anonymement."), "the page says who learns what, in its language")
        XCTAssertTrue(page.contains("<p class=\"notice\" data-needs-script>La signature anonyme nécessite JavaScript"),
                      "without a script the page says plainly that it cannot sign")
        XCTAssertFalse(page.contains("comptabilisée de façon anonyme"), "no promise the open form could not keep")
    }

    /// `codes: true`: the issuer takes the roll's voting cards, so the credential box asks for a card's code, in a
    /// field the form never posts (the code goes to the issuer only), hidden until the script can use it.
    func testAnIssuerThatTakesCardsMakesTheBoxAskForACode() throws {
        let site = try fixture(Self.site(issuers: "credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: \(Self.key)\n    codes: true"))
        try site.build()
        let page = try site.read("fr/petitions/rues-calmes/index.html")
        XCTAssertTrue(page.contains("<p class=\"field\" data-credential-code hidden><label for=\"credential-code-petitions/rues-calmes/sign\">Ou le code de vote de votre carte</label>"
                                    + "<input id=\"credential-code-petitions/rues-calmes/sign\" type=\"text\" autocomplete=\"off\""), page)
        let plain = try fixture(Self.site())
        try plain.build()
        XCTAssertFalse(try plain.read("fr/petitions/rues-calmes/index.html").contains("data-credential-code"), "no code where the issuer takes none")
    }

    /// Credentials are not for petitions only: a budget and a survey voted `eligibility: credential` carry the roll's
    /// issuer key and show the credential box, with no code field and no identity field.
    func testABudgetAndASurveyMayBeVotedWithCredentials() throws {
        let site = try fixture("""
        -- content/site.yaml --
        title: Ville
        base_url: https://consult.example.org/
        languages:
          - code: fr
            name: Français
        credential_issuers:
          adults:
            url: https://id.example.org/
            key: \(Self.key)
        -- content/_index.fr.md --
        ---
        title: Accueil
        ---
        -- content/budget/_index.fr.md --
        ---
        title: Budget participatif
        kind: budget
        phases:
          - {id: vote, title: Vote, start: 2026-05-01, end: 2026-06-30, actions: [vote, read]}
        ---
        -- content/budget/projets/_index.fr.md --
        ---
        title: Projets
        component: budget
        total: 100000
        currency: EUR
        eligibility: credential
        roll: adults
        ---
        -- content/budget/projets/bancs.fr.md --
        ---
        title: Bancs
        cost: 40000
        ---
        -- content/enquete.fr.md --
        ---
        title: Enquête
        type: survey
        eligibility: credential
        roll: adults
        closes: 2026-12-20
        questions:
          - {id: avis, type: short_text, title: Votre avis}
        ---
        """)
        try site.build()
        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(try site.read("ballots.json").utf8))
        for id in ["budget/projets/vote", "enquete/answers"] {
            let form = try XCTUnwrap(manifest.form(id), id)
            XCTAssertEqual(form.eligibility, .credential, id)
            XCTAssertEqual(form.issuerKey, Self.key, id)
            XCTAssertNoThrow(try form.readIssuerKey(), id)
        }
        for page in ["fr/budget/projets/index.html", "fr/enquete/index.html"] {
            let html = try site.read(page)
            XCTAssertTrue(html.contains("data-credential data-roll=\"adults\" data-issuer-url=\"https://id.example.org/\""), page)
            XCTAssertFalse(html.contains("name=\"code\""), "\(page): no voting code is posted")
            XCTAssertFalse(html.contains("name=\"identity."), "\(page): no one's name is asked")
        }
    }

    func testEachMistakeInTheIssuersIsAnErrorAtItsLine() throws {
        let cases: [(issuers: String, roll: String, file: String, message: String)] = [
            ("credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: AAAA", "adults", "site.yaml",
             "the key of roll `adults` is not an issuer key"),
            ("credential_issuers:\n  adults:\n    url: ftp://id.example.org/\n    key: \(Self.key)", "adults", "site.yaml",
             "`ftp://id.example.org/` is not an http(s) address"),
            ("credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: \(Self.key)\n  residents:\n    url: https://id.example.org/r/\n    key: \(Self.key)",
             "adults", "site.yaml", "roll `residents` has the same issuer key as roll `adults`"),
            ("credential_issuers:\n  adults:\n    url: https://id.example.org/", "adults", "site.yaml", "missing required field `key`"),
            ("credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: \(Self.otherKey)", "residents", "rues-calmes.fr.md",
             "form `petitions/rues-calmes/sign` is voted with credentials of roll `residents`, which site.yaml's `credential_issuers` does not list"),
        ]
        for (issuers, roll, file, message) in cases {
            let site = try fixture(Self.site(issuers: issuers, roll: roll))
            let errors = site.failingBuild()
            XCTAssertTrue(errors.contains { $0.file.hasSuffix(file) && $0.message.contains(message) }, "\(message): \(errors)")
        }
    }

    private static let filingIssuers = "credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: \(key)\n    filing_key: \(otherKey)"
    private static let attestedFields = "  - {id: name, kind: attested_name, label: Nom}\n  - {id: email, kind: email, label: Courriel}"

    func testAnAttestedNameMakesFilingGoThroughTheIssuer() throws {
        let site = try fixture(Self.site(issuers: Self.filingIssuers, fields: Self.attestedFields))
        try site.build()
        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(try site.read("ballots.json").utf8))
        let file = try XCTUnwrap(manifest.form("petitions/file"))
        XCTAssertEqual(file.roll, "adults", "the filing form names the roll whose issuer attests its filers")
        XCTAssertEqual(file.filerKey, Self.otherKey, "the filing key, never the blind-signing key")
        XCTAssertTrue(file.attestsFilers)
        XCTAssertNoThrow(try manifest.filerKeys())
        XCTAssertEqual(try XCTUnwrap(manifest.form("petitions/rues-calmes/sign")).identityFields, [], "signers still give no name")
        let page = try site.read("fr/petitions/index.html")
        XCTAssertTrue(page.contains("<div class=\"credential\" data-filer data-issuer-url=\"https://id.example.org/\""), "the page's script finds the issuer")
        XCTAssertTrue(page.contains("name=\"identity.name\" type=\"text\" readonly required data-attested-name>"), "the filer cannot type the name")
        XCTAssertTrue(page.contains("<input type=\"hidden\" name=\"identity.attestation\" value=\"\">"))
        XCTAssertTrue(page.contains("<p class=\"notice\" data-needs-script>Le dépôt demande JavaScript"), "without a script the page says why")
    }

    func testEachMistakeInAnIdentifiedFilingIsAnErrorAtItsLine() throws {
        let cases: [(issuers: String, eligibility: String, fields: String, file: String, message: String)] = [
            ("credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: \(Self.key)\n    filing_key: \(Self.key)", "credential",
             Self.attestedFields, "site.yaml", "the filing key of roll `adults` is also a key of an issuer"),
            ("credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: \(Self.key)\n    filing_key: AAAA", "credential",
             Self.attestedFields, "site.yaml", "the filing key of roll `adults` is not an issuer key"),
            ("credential_issuers:\n  adults:\n    url: https://id.example.org/\n    key: \(Self.key)", "credential", Self.attestedFields, "_index.fr.md",
             "form `petitions/file` asks for a name attested by the issuer of roll `adults`, which has no `filing_key`"),
            (Self.filingIssuers, "open", Self.attestedFields, "_index.fr.md",
             "the field `name` is an `attested_name`, which is for filing, but these petitions are signed `open`"),
            (Self.filingIssuers, "credential", Self.attestedFields + "\n  - {id: other, kind: attested_name, label: Autre}", "_index.fr.md",
             "2 identity fields are `attested_name`"),
        ]
        for (issuers, eligibility, fields, file, message) in cases {
            let site = try fixture(Self.site(issuers: issuers, eligibility: eligibility, fields: fields))
            let errors = site.failingBuild()
            XCTAssertTrue(errors.contains { $0.file.hasSuffix(file) && $0.message.contains(message) }, "\(message): \(errors)")
        }
    }
}
