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

    func testAManifestWhoseFilingFormHasNoUsableKeyIsRefused() throws {
        var form = Self.form
        form.filerKey = nil
        XCTAssertThrowsError(try BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: [form]).filerKeys()) { error in
            XCTAssertEqual("\(error)", "form `house/file` attests its filers' names but has no `filer_key` in base64url "
                                     + "(site.yaml `credential_issuers` gives each roll's issuer keys)")
        }
    }
}
