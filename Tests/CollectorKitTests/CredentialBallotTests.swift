@testable import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Model
import XCTest

/// A `credential` form at the collector's door and in the tellers' count: a credential the roll's issuer signed for
/// the ballot's key passes; a missing, copied or strange one is refused at intake and set aside by `verify`.
final class CredentialBallotTests: XCTestCase {
    private let form = CredentialFixtures.petition
    private static let manifest = try! BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en",
                                                      forms: [Fixtures.petition, CredentialFixtures.petition]).sealed()

    private func body(_ form: FormSpec, key: VotingKey, credential: [UInt8]?, identity: [String: String]? = nil) -> ByteBuffer {
        let ballot = CanonicalBallot(form: form.id, items: [], nonce: Array(repeating: 1, count: 16), issued: Fixtures.now, credential: credential)
        var object: [String: Any] = ["form": form.id, "ballot": ballot.text, "public_key": key.publicKey, "signature": key.sign(ballot)]
        if let identity { object["identity"] = identity }
        return Fixtures.json(object)
    }

    func testTheCollectorStoresASignatureWhoseCredentialHoldsAndRefusesEveryOther() async throws {
        let signer = TellerFixtures.key(1), other = TellerFixtures.key(2)
        try await withCollector(manifest: Self.manifest) { client, db in
            let refusals: [(String, ByteBuffer, String)] = [
                ("no credential", body(form, key: signer, credential: nil), "credential_required"),
                ("another key's credential", body(form, key: other, credential: CredentialFixtures.credential(for: signer)), "credential_invalid"),
                ("a credential from another issuer", body(form, key: signer, credential: CredentialFixtures.credential(for: signer, signer: CredentialFixtures.stranger)),
                 "credential_invalid"),
                ("a credential on a form voted otherwise", body(Fixtures.petition, key: signer, credential: CredentialFixtures.credential(for: signer),
                                                                identity: ["name": "Ada", "email": "ada@example.org"]), "credential_invalid"),
            ]
            for (what, request, code) in refusals {
                let response = try await client.postJSON(request)
                XCTAssertEqual(response.status, .unprocessableContent, what)
                XCTAssertEqual(Fixtures.errorCode(response.body), code, what)
            }
            XCTAssertEqual(db.scalar("SELECT count(*) FROM submissions"), "0", "nothing refused is stored")
            // The PSS salt is random: each credential for a key is another byte string.
            let credential = CredentialFixtures.credential(for: signer)
            let stored = try await client.postJSON(body(form, key: signer, credential: credential))
            XCTAssertEqual(stored.status, .created, stored.text)
            let ballot = try CanonicalBallot.parse(try XCTUnwrap(db.scalar("SELECT ballot FROM submissions")))
            XCTAssertEqual(ballot.credential, credential, "the credential is stored in the signed text")
            XCTAssertEqual(db.scalar("SELECT client_hash FROM submissions"), "", "no address digest joins an anonymous ballot to anything")
        }
    }

    /// Any kind of form may be voted with credentials: a budget ballot with the credential of its key is stored, one
    /// without is refused.
    func testABudgetVotedWithCredentialsTakesOnlyCredentialBallots() async throws {
        var budget = Fixtures.budget
        budget.id = "city/anon/vote"
        budget.eligibility = .credential
        budget.roll = "adults"
        budget.issuerKey = CredentialFixtures.issuerKeyText
        let manifest = try BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: [budget]).sealed()
        let voter = TellerFixtures.key(3)
        func ballot(_ credential: [UInt8]?) -> ByteBuffer {
            let text = CanonicalBallot(form: budget.id, items: [BallotItem("park-benches")], nonce: Array(repeating: 3, count: 16), issued: Fixtures.now,
                                       credential: credential).text
            return Fixtures.json(["form": budget.id, "ballot": text, "public_key": voter.publicKey, "signature": voter.sign(try! CanonicalBallot.parse(text))])
        }
        try await withCollector(manifest: manifest) { client, db in
            let refused = try await client.postJSON(ballot(nil))
            XCTAssertEqual(Fixtures.errorCode(refused.body), "credential_required")
            let stored = try await client.postJSON(ballot(CredentialFixtures.credential(for: voter)))
            XCTAssertEqual(stored.status, .created, stored.text)
            XCTAssertEqual(db.scalar("SELECT count(*) FROM submissions"), "1")
        }
    }

    /// Blinding is the page's script's work: a plain post is told so, in the page's language, and nothing is stored.
    func testAPlainPostToACredentialFormIsToldItNeedsTheScript() async throws {
        try await withCollector(manifest: Self.manifest) { client, db in
            let response = try await client.postForm(form.id, [("lang", "fr")])
            XCTAssertEqual(response.status, .unprocessableContent)
            XCTAssertTrue(response.text.contains(Fixtures.messages.message(.credentialRequired, language: "fr")), response.text)
            XCTAssertTrue(response.text.contains("JavaScript"), response.text)
            XCTAssertEqual(db.scalar("SELECT count(*) FROM submissions"), "0")
        }
    }

    func testVerifySetsAsideEachBallotWhoseCredentialDoesNotHoldAndCountsAKeyOnce() throws {
        let signer = TellerFixtures.key(1), other = TellerFixtures.key(2)
        let inputs = try TellerFixtures.inputs([Fixtures.petition, form])
        let valid = TellerFixtures.record(form, [], key: signer, nonce: 1, credential: CredentialFixtures.credential(for: signer))
        let again = TellerFixtures.record(form, [], key: signer, nonce: 2, issued: Fixtures.now.addingTimeInterval(60),
                                          credential: CredentialFixtures.credential(for: signer))
        let missing = TellerFixtures.record(form, [], key: other, nonce: 1)
        let copied = TellerFixtures.record(form, [], key: other, nonce: 2, credential: CredentialFixtures.credential(for: signer))
        let strange = TellerFixtures.record(form, [], key: other, nonce: 3, credential: CredentialFixtures.credential(for: other, signer: CredentialFixtures.stranger))
        let unexpected = TellerFixtures.record(Fixtures.petition, [], key: other, nonce: 4, identity: #"{"email":"b@example.org","name":"B"}"#,
                                               credential: CredentialFixtures.credential(for: other))
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: VerifySettings())
            .verify([valid, again, missing, copied, strange, unexpected])
        let verdicts = Dictionary(uniqueKeysWithValues: zip(verification.records.map(\.receipt), verification.verdicts))
        XCTAssertEqual(verdicts[again.receipt]?.verdict, .valid)
        XCTAssertEqual(verdicts[valid.receipt]?.verdict, .superseded, "one credential, one ballot counted")
        XCTAssertEqual(verdicts[missing.receipt], BallotVerdict(.badCredential, detail: "the ballot carries no credential (roll `adults`)"))
        let notSigned = BallotVerdict(.badCredential, detail: "the credential is not the issuer's signature on the ballot's key (roll `adults`)")
        XCTAssertEqual(verdicts[copied.receipt], notSigned)
        XCTAssertEqual(verdicts[strange.receipt], notSigned)
        XCTAssertEqual(verdicts[unexpected.receipt], BallotVerdict(.badCredential, detail: "the form takes no credential"))
    }

    /// A kiosk's pages ask the manifest's issuers for credentials: its header policy lets them, and only them.
    func testTheKiosksPolicyLetsItsPagesCallTheManifestsIssuersOnly() throws {
        let policy = { (fields: [HTTPField]) in fields.first { $0.name == .contentSecurityPolicy }?.value ?? "" }
        XCTAssertFalse(policy(SecurityHeaders.siteFields(connecting: [])).contains("connect-src"), "default-src 'self' covers a site without issuers")
        XCTAssertTrue(policy(SecurityHeaders.siteFields(connecting: ["https://id.example.org"])).contains("connect-src 'self' https://id.example.org; "))
        XCTAssertEqual(OriginPolicy.policySource("https://id.example.org:8443/credentials/"), "https://id.example.org:8443")
        for hostile in ["https://id.example.org;script-src *", "javascript:alert(1)", "https://a b.example/", "not a url"] {
            XCTAssertNil(OriginPolicy.policySource(hostile), hostile)
        }
    }

    func testTellersAndTheCollectorRefuseAManifestWhoseCredentialFormHasNoUsableIssuerKey() throws {
        var broken = form
        broken.issuerKey = Base64URL.encode(Data("not a key".utf8))
        let manifest = try BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: [broken]).sealed()
        let folder = TellerFixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("ballots.json").path
        try BallotManifest.encoder(pretty: true).encode(manifest).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try TellerInputs.load(manifest: path, rolls: [])) { error in
            XCTAssertTrue("\(error)".contains("form `house/anon/sign` is voted with credentials but has an `issuer_key` that is not usable"), "\(error)")
        }
        let serve = try CommandLineRun(["serve", "--manifest", path, "--db", folder.appendingPathComponent("c.sqlite").path, "--port", "0"])
        XCTAssertNotEqual(serve.status, 0)
        XCTAssertTrue(serve.errors.contains("form `house/anon/sign` is voted with credentials"), serve.errors)
    }
}
