import Crypto
import Foundation
import XCTest
import _CryptoExtras
@testable import Model

/// A ballot key's credential: made as the page makes it, checked as the collector and the tellers check it, and
/// carried on the ballot's sixth line.
final class CredentialTests: XCTestCase {
    /// Made once: a 2048-bit key takes a moment, and every test here only needs one issuer and one stranger.
    private static let issuer = try! _RSA.BlindSigning.PrivateKey(keySize: .bits2048)
    private static let stranger = try! _RSA.BlindSigning.PrivateKey(keySize: .bits2048)

    private static func published(_ key: _RSA.BlindSigning.PrivateKey<SHA384>) -> IssuerKey {
        try! IssuerKey(subjectPublicKeyInfo: key.publicKey.derRepresentation)
    }

    /// What the page does: a request for `key`, signed blind by `signer`, unblinded.
    static func credential(for key: [UInt8], signer: _RSA.BlindSigning.PrivateKey<SHA384> = issuer, prefix: UInt8 = 7) throws -> [UInt8] {
        let request = try CredentialRequest(publicKey: key, issuerKey: signer.publicKey.derRepresentation,
                                            prefix: [UInt8](repeating: prefix, count: 32))
        return try request.credential(blindSignature: signer.blindSignature(for: request.blindedMessage).rawRepresentation)
    }

    private let key = [UInt8](repeating: 1, count: 32)
    private let otherKey = [UInt8](repeating: 2, count: 32)

    func testACredentialHoldsForItsKeyUnderItsIssuerOnly() throws {
        let credential = try Self.credential(for: key)
        XCTAssertEqual(credential.count, 32 + 256)
        XCTAssertTrue(Credential.holds(credential, publicKey: key, issuer: Self.published(Self.issuer)))
        XCTAssertFalse(Credential.holds(credential, publicKey: otherKey, issuer: Self.published(Self.issuer)), "copied onto another key")
        XCTAssertFalse(Credential.holds(credential, publicKey: key, issuer: Self.published(Self.stranger)), "another roll's issuer")
        for index in [0, 31, 32, credential.count - 1] {
            var changed = credential
            changed[index] ^= 1
            XCTAssertFalse(Credential.holds(changed, publicKey: key, issuer: Self.published(Self.issuer)), "byte \(index) changed")
        }
        XCTAssertFalse(Credential.holds(Array(credential.prefix(32)), publicKey: key, issuer: Self.published(Self.issuer)))
        let strangers = try Self.credential(for: key, signer: Self.stranger)
        XCTAssertFalse(Credential.holds(strangers, publicKey: key, issuer: Self.published(Self.issuer)), "signed by a key the form does not name")
    }

    /// The issuer signs what it is sent and nothing else: an answer for another request does not unblind into a credential.
    func testAnAnswerToAnotherRequestGivesNoCredential() throws {
        let mine = try CredentialRequest(publicKey: key, issuerKey: Self.issuer.publicKey.derRepresentation, prefix: [UInt8](repeating: 1, count: 32))
        let theirs = try CredentialRequest(publicKey: otherKey, issuerKey: Self.issuer.publicKey.derRepresentation, prefix: [UInt8](repeating: 1, count: 32))
        XCTAssertNotEqual(mine.blindedMessage, theirs.blindedMessage)
        XCTAssertThrowsError(try mine.credential(blindSignature: Self.issuer.blindSignature(for: theirs.blindedMessage).rawRepresentation))
    }

    func testTheCredentialIsTheBallotsSixthLineAndReadsBackAsWritten() throws {
        let credential = try Self.credential(for: key)
        let ballot = CanonicalBallot(form: "house/sign", items: [], nonce: [UInt8](repeating: 3, count: 16),
                                     issued: Date(timeIntervalSince1970: 1_795_705_200), credential: credential)
        let lines = ballot.text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 6)
        XCTAssertEqual(String(lines[5]), "credential=" + Base64URL.encode(credential))
        XCTAssertEqual(try CanonicalBallot.parse(ballot.text), ballot)
        let plain = CanonicalBallot(form: "house/sign", items: [], nonce: [UInt8](repeating: 3, count: 16), issued: ballot.issued)
        XCTAssertEqual(plain.text.split(separator: "\n").count, 5, "a ballot without a credential is written as before")
        XCTAssertNil(try CanonicalBallot.parse(plain.text).credential)
    }

    func testEveryOtherSpellingOfTheCredentialLineIsRefused() throws {
        let plain = CanonicalBallot(form: "house/sign", items: [], nonce: [UInt8](repeating: 3, count: 16),
                                    issued: Date(timeIntervalSince1970: 1_795_705_200)).text
        let encoded = Base64URL.encode(try Self.credential(for: key))
        let cases: [(String, CanonicalBallotError)] = [
            (plain + "\ncredential=" + encoded + "\n", .trailingNewline),
            (plain + "\ncredential=", .credential),
            (plain + "\ncredential=" + encoded + "==", .credential),
            (plain + "\ncredential=" + Base64URL.encode([UInt8](repeating: 9, count: 32)), .credential),
            (plain + "\nCredential=" + encoded, .missingKey("credential", line: 6)),
            (plain + "\ncredential=" + encoded + "\nmore=1", .lineCount(7)),
        ]
        for (text, error) in cases {
            XCTAssertThrowsError(try CanonicalBallot.parse(text), text.suffix(30).description) { XCTAssertEqual($0 as? CanonicalBallotError, error) }
        }
    }

    func testEachProblemACredentialCanHaveIsNamed() throws {
        let form = FormSpec(id: "house/sign", kind: .petition, title: ["en": "Sign"], space: "house", eligibility: .credential, roll: "adults",
                            issuerKey: Base64URL.encode(Self.issuer.publicKey.derRepresentation))
        let open = FormSpec(id: "house/other", kind: .petition, title: ["en": "Other"], space: "house", eligibility: .open)
        let issuer = try form.readIssuerKey()
        let credential = try Self.credential(for: key)
        func ballot(_ form: FormSpec, _ credential: [UInt8]?) -> CanonicalBallot {
            CanonicalBallot(form: form.id, items: [], nonce: [UInt8](repeating: 3, count: 16), issued: Date(), credential: credential)
        }
        XCTAssertNil(Credential.problem(ballot(form, credential), publicKey: key, form: form, issuer: issuer))
        XCTAssertEqual(Credential.problem(ballot(form, nil), publicKey: key, form: form, issuer: issuer), .missing)
        XCTAssertEqual(Credential.problem(ballot(form, credential), publicKey: otherKey, form: form, issuer: issuer), .notSigned)
        XCTAssertEqual(Credential.problem(ballot(form, credential), publicKey: key, form: form, issuer: nil), .noIssuerKey)
        XCTAssertEqual(Credential.problem(ballot(open, credential), publicKey: key, form: open, issuer: nil), .unexpected)
        XCTAssertNil(Credential.problem(ballot(open, nil), publicKey: key, form: open, issuer: nil))
    }

    func testAManifestWhoseCredentialFormNamesNoUsableIssuerKeyIsRefusedByName() throws {
        let good = Base64URL.encode(Self.issuer.publicKey.derRepresentation)
        let short = Base64URL.encode(try _RSA.Signing.PrivateKey(unsafeKeySize: _RSA.Signing.KeySize(bitCount: 1024)).publicKey.derRepresentation)
        let cases: [(String?, String?, String)] = [
            ("adults", nil, "has no `issuer_key` in base64url"),
            ("adults", "not base64url!", "has no `issuer_key` in base64url"),
            ("adults", short, "has an `issuer_key` that is not usable"),
            (nil, good, "names no `roll`"),
        ]
        for (roll, key, reason) in cases {
            let form = FormSpec(id: "house/sign", kind: .petition, title: ["en": "Sign"], space: "house", eligibility: .credential, roll: roll, issuerKey: key)
            let manifest = BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: [form])
            XCTAssertThrowsError(try manifest.issuerKeys()) { error in
                XCTAssertTrue("\(error)".hasPrefix("form `house/sign` is voted with credentials but " + reason), "\(error)")
            }
            XCTAssertTrue(manifest.readableIssuerKeys.isEmpty)
        }
        let form = FormSpec(id: "house/sign", kind: .petition, title: ["en": "Sign"], space: "house", eligibility: .credential, roll: "adults", issuerKey: good)
        XCTAssertEqual(try BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: [form]).issuerKeys().keys.sorted(), ["house/sign"])
    }
}
