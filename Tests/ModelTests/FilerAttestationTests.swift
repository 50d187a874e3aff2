import Crypto
import Foundation
import XCTest
import _CryptoExtras
@testable import Model

/// An identified filer's attestation: its exact bytes, and a check that holds for its roll, key, name and filing key only.
final class FilerAttestationTests: XCTestCase {
    /// Made once: a 2048-bit key takes a moment.
    private static let filing = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    private static let credentials = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    private static func published(_ key: _RSA.Signing.PrivateKey) -> IssuerKey {
        try! IssuerKey(subjectPublicKeyInfo: key.publicKey.derRepresentation)
    }

    /// What the issuer does (`CredentialIssuer.filing`): RSASSA-PSS with SHA-384 over the message.
    private static func sign(_ message: [UInt8], with key: _RSA.Signing.PrivateKey = filing) throws -> [UInt8] {
        Array(try key.signature(for: SHA384.hash(data: message), padding: .PSS).rawRepresentation)
    }

    private let key = [UInt8](repeating: 0xFB, count: 32)

    func testTheMessageIsTheLabelTheRollTheKeyAndTheNameOneALine() {
        let message = FilerAttestation.message(roll: "petitions-2026", publicKey: key, name: "Zoé Martin")
        XCTAssertEqual(message, Array("filer/v1\npetitions-2026\n\(String(repeating: "-_v7", count: 10))-_s\nZoé Martin".utf8))
        XCTAssertEqual(Array(message.suffix(11)), [0x5A, 0x6F, 0xC3, 0xA9, 0x20, 0x4D, 0x61, 0x72, 0x74, 0x69, 0x6E])
    }

    func testAnAttestationHoldsForItsRollKeyAndNameUnderTheFilingKeyOnly() throws {
        let attestation = try Self.sign(FilerAttestation.message(roll: "petitions-2026", publicKey: key, name: "Zoé Martin"))
        let filing = Self.published(Self.filing)
        XCTAssertTrue(FilerAttestation.holds(attestation, roll: "petitions-2026", publicKey: key, name: "Zoé Martin", issuer: filing))
        XCTAssertFalse(FilerAttestation.holds(attestation, roll: "petitions-2027", publicKey: key, name: "Zoé Martin", issuer: filing), "another roll")
        XCTAssertFalse(FilerAttestation.holds(attestation, roll: "petitions-2026", publicKey: key, name: "Zoe Martin", issuer: filing), "another name")
        var otherKey = key
        otherKey[31] ^= 1
        XCTAssertFalse(FilerAttestation.holds(attestation, roll: "petitions-2026", publicKey: otherKey, name: "Zoé Martin", issuer: filing), "another key")
        XCTAssertFalse(FilerAttestation.holds(attestation, roll: "petitions-2026", publicKey: key, name: "Zoé Martin",
                                              issuer: Self.published(Self.credentials)), "the credential key")
        var changed = attestation
        changed[changed.count - 1] ^= 1
        XCTAssertFalse(FilerAttestation.holds(changed, roll: "petitions-2026", publicKey: key, name: "Zoé Martin", issuer: filing))
        XCTAssertFalse(FilerAttestation.holds([], roll: "petitions-2026", publicKey: key, name: "Zoé Martin", issuer: filing))
    }
}
