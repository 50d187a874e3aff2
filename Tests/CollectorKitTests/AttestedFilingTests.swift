@testable import CollectorKit
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest
import _CryptoExtras

/// A petition filed under a name the roll's issuer attests (docs/ISSUER.md, "Filing"): the collector stores a filing
/// whose attestation holds for its name and its key, and refuses one with a typed name, another's attestation, another
/// name, another key's attestation, or one signed by a key that is not the roll's filing key.
final class AttestedFilingTests: XCTestCase {
    private static let filingKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    private static let form = FormSpec(id: "house/file", kind: .proposal, title: ["en": "File a petition", "fr": "Déposer"], space: "house",
                                       eligibility: .open, roll: "adults", constraints: FormConstraints(maxTextLength: 5000),
                                       identityFields: [IdentityField(id: "name", kind: .attestedName, label: ["en": "Name"]),
                                                        IdentityField(id: "email", kind: .email, label: ["en": "Email"])],
                                       filerKey: Base64URL.encode(filingKey.publicKey.derRepresentation))
    private static let manifest = try! BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: [form]).sealed()

    private static func attestation(_ name: String, for key: VotingKey, roll: String = "adults",
                                    signer: _RSA.Signing.PrivateKey = filingKey) -> String {
        let message = FilerAttestation.message(roll: roll, publicKey: Base64URL.decode(key.publicKey)!, name: name)
        return Base64URL.encode(try! signer.signature(for: SHA384.hash(data: message), padding: .PSS).rawRepresentation)
    }

    private func body(key: VotingKey, identity: [String: String]) -> ByteBuffer {
        let ballot = CanonicalBallot(form: Self.form.id, items: [BallotItem("title", "Quiet streets"), BallotItem("text", "Fewer cars near schools."), BallotItem("language", "en")],
                                     nonce: Array(repeating: 2, count: 16), issued: Fixtures.now)
        return Fixtures.json(["form": Self.form.id, "ballot": ballot.text, "public_key": key.publicKey, "signature": key.sign(ballot),
                              "identity": identity])
    }

    func testAFilingCountsOnlyUnderTheNameTheIssuerAttestedForItsKey() async throws {
        let filer = TellerFixtures.key(1), other = TellerFixtures.key(2)
        let stranger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let email = "robin@example.org"
        try await withCollector(manifest: Self.manifest) { client, db in
            let refusals: [(String, [String: String])] = [
                ("a typed name", ["name": "Robin Filer", "email": email]),
                ("an attestation that is not base64url", ["name": "Robin Filer", "email": email, "attestation": "not base64url!"]),
                ("another name", ["name": "Someone Else", "email": email, "attestation": Self.attestation("Robin Filer", for: filer)]),
                ("another key's attestation", ["name": "Robin Filer", "email": email, "attestation": Self.attestation("Robin Filer", for: other)]),
                ("another roll's attestation", ["name": "Robin Filer", "email": email, "attestation": Self.attestation("Robin Filer", for: filer, roll: "staff")]),
                ("another signer", ["name": "Robin Filer", "email": email, "attestation": Self.attestation("Robin Filer", for: filer, signer: stranger)]),
            ]
            for (what, identity) in refusals {
                let response = try await client.postJSON(body(key: filer, identity: identity))
                XCTAssertEqual(response.status, .unprocessableContent, what)
                XCTAssertEqual(Fixtures.errorCode(response.body), "identity_not_confirmed", what)
            }
            XCTAssertEqual(db.scalar("SELECT count(*) FROM submissions"), "0", "nothing refused is stored")
            let attestation = Self.attestation("Robin Filer", for: filer)
            let stored = try await client.postJSON(body(key: filer, identity: ["name": "Robin Filer", "email": email, "attestation": attestation]))
            XCTAssertEqual(stored.status, .created, stored.text)
            let identity = try XCTUnwrap(db.scalar("SELECT identity FROM submissions"))
            XCTAssertEqual(IdentityEvidence.values(identity), ["name": "Robin Filer", "email": email, "attestation": attestation])
        }
    }

    /// The attestation names a key the page made before it asked the issuer: a plain post, whose key the collector
    /// makes, is told that filing needs the script, in the page's language.
    func testAPlainPostIsToldThatFilingNeedsTheIdentityCheck() async throws {
        try await withCollector(manifest: Self.manifest) { client, db in
            let response = try await client.postForm(Self.form.id, [("lang", "fr"), ("title", "Rues calmes"), ("text", "Moins de voitures."),
                                                                    ("identity.name", "Robin Filer"), ("identity.email", "robin@example.org")])
            XCTAssertEqual(response.status, .unprocessableContent)
            XCTAssertTrue(response.text.contains(Fixtures.messages.message(.identityNotConfirmed, language: "fr")), response.text)
            XCTAssertTrue(response.text.contains("JavaScript"), response.text)
            XCTAssertEqual(db.scalar("SELECT count(*) FROM submissions"), "0")
        }
    }

    /// A hostile collector's file may hold filings no intake took: `verify` checks each attestation again, so only
    /// attested filers reach the moderators (`export --contributions` exports valid ballots only).
    func testVerifySetsAsideEveryFilingWhoseNameIsNotAttested() throws {
        let filer = TellerFixtures.key(1), other = TellerFixtures.key(2), typed = TellerFixtures.key(3), bare = TellerFixtures.key(4)
        let items = [BallotItem("title", "Quiet streets"), BallotItem("text", "Fewer cars."), BallotItem("language", "en")]
        func identity(_ values: [String: String]) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]), as: UTF8.self)
        }
        let records = [
            TellerFixtures.record(Self.form, items, key: filer, nonce: 1,
                                  identity: identity(["name": "Robin Filer", "email": "r@example.org", "attestation": Self.attestation("Robin Filer", for: filer)])),
            TellerFixtures.record(Self.form, items, key: other, nonce: 2,
                                  identity: identity(["name": "Someone Else", "email": "s@example.org", "attestation": Self.attestation("Robin Filer", for: other)])),
            TellerFixtures.record(Self.form, items, key: typed, nonce: 3, identity: identity(["name": "Mallory", "email": "m@example.org"])),
            TellerFixtures.record(Self.form, items, key: bare, nonce: 4),
        ]
        let verification = BallotVerifier(manifest: Self.manifest, rolls: try TellerFixtures.inputs(Self.manifest.forms).rolls,
                                          settings: VerifySettings()).verify(records)
        XCTAssertEqual(verification.verdicts.map(\.verdict), [.valid, .breaksRule, .breaksRule, .breaksRule])
        XCTAssertEqual(verification.verdicts[1].detail, "the filer's name is not attested for this ballot's key by the filing key of roll `adults`")
        XCTAssertEqual(verification.verdicts[3].detail, verification.verdicts[1].detail, "a filing with no identity at all")
        XCTAssertTrue(verification.verdicts[2].detail?.contains("attestation") ?? false, "\(verification.verdicts[2])")
    }

    /// Two files holding one filing with different identities (a hostile copy): the attested one names the filer;
    /// with none attested the filing is set aside rather than sent to the moderators without a name.
    func testACopyOfAFilingWithAnotherIdentityNeitherRenamesNorUnnamesIt() throws {
        let filer = TellerFixtures.key(1), forger = TellerFixtures.key(2)
        let items = [BallotItem("title", "Quiet streets"), BallotItem("text", "Fewer cars."), BallotItem("language", "en")]
        func identity(_ values: [String: String]) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]), as: UTF8.self)
        }
        let attested = identity(["name": "Robin Filer", "email": "r@example.org", "attestation": Self.attestation("Robin Filer", for: filer)])
        let real = TellerFixtures.record(Self.form, items, key: filer, nonce: 1, identity: attested)
        let forged = TellerFixtures.record(Self.form, items, key: forger, nonce: 2, identity: identity(["name": "Mallory", "email": "m@example.org"]))
        func copy(_ record: SubmissionRecord, _ identity: String) -> Sighting {
            Sighting(receivedAt: record.receivedAt, collectorID: "c2", clientHash: "", identity: identity, source: "hostile.sqlite")
        }
        let sightings = [real.receipt: [Sighting(real), copy(real, identity(["name": "Someone Else", "email": "s@example.org"]))],
                         forged.receipt: [Sighting(forged), copy(forged, identity(["name": "Mallory Two", "email": "m2@example.org"]))]]
        let verification = BallotVerifier(manifest: Self.manifest, rolls: try TellerFixtures.inputs(Self.manifest.forms).rolls,
                                          settings: VerifySettings()).verify([real, forged], sightings: sightings)
        XCTAssertEqual(verification.verdicts.map(\.verdict), [.valid, .breaksRule])
        XCTAssertEqual(verification.records[0].identity, attested, "the attested identity names the filer")
        XCTAssertTrue(verification.verdicts[1].detail?.contains("of which none is attested") ?? false, "\(verification.verdicts[1])")
    }

    func testAManifestWhoseFilingFormHasNoUsableKeyIsRefused() throws {
        var form = Self.form
        form.filerKey = nil
        XCTAssertThrowsError(try BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: [form]).filerKeys()) { error in
            XCTAssertEqual("\(error)", "form `house/file` attests its filers' names but has no `filer_key` in base64url "
                                     + "(site.yaml `credential_issuers` gives each roll's issuer keys)")
        }
        // A filing key that is also a blind-signing key proves nothing: that key signs whatever it is sent.
        form.filerKey = CredentialFixtures.issuerKeyText
        let shared = try BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: [form, CredentialFixtures.petition])
        XCTAssertThrowsError(try shared.filerKeys()) { error in
            XCTAssertTrue("\(error)".contains("its `filer_key` is also an `issuer_key`"), "\(error)")
        }
        XCTAssertNil(shared.readableFilerKeys[form.id], "a checker started anyway attests no one")
    }

    /// Name, key and attestation can be copied together from any stored row: only the signature shows the filer's page
    /// sent the filing, so intake checks it on these forms even when it checks no other.
    func testAFilingWhoseSignatureDoesNotHoldIsRefused() async throws {
        let filer = TellerFixtures.key(1)
        let identity = ["name": "Robin Filer", "email": "robin@example.org", "attestation": Self.attestation("Robin Filer", for: filer)]
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(buffer: body(key: filer, identity: identity))) as? [String: Any])
        object["signature"] = Base64URL.encode([UInt8](repeating: 7, count: 64))
        try await withCollector(manifest: Self.manifest) { client, db in
            let response = try await client.postJSON(Fixtures.json(object))
            XCTAssertEqual(response.status, .unprocessableContent)
            XCTAssertEqual(Fixtures.errorCode(response.body), "signature_mismatch")
            XCTAssertEqual(db.scalar("SELECT count(*) FROM submissions"), "0")
        }
    }
}
