import Crypto
import Foundation
import XCTest
import _CryptoExtras
@testable import Model

/// `IssuerKey` against RFC 9474's own vectors (Tests/Vectors/rfc9474.json, four 4096-bit keys), the file the page's
/// blind-signature.js is checked against in Node and Chromium.
final class IssuerKeyTests: XCTestCase {
    private struct Vector: Decodable {
        var name, p, q, n, e, d, prepared_msg, salt, inv, blinded_msg, blind_sig, sig: String
    }

    private static let vectors: [Vector] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Vectors/rfc9474.json")
        return try! JSONDecoder().decode([Vector].self, from: Data(contentsOf: url))
    }()

    private func bytes(_ hex: String) -> Data { Data(Hex.decode(hex)!) }

    func testTheIssuersSignatureOnAPreparedMessageIsCheckedFromTheKeyOrItsPublishedForm() throws {
        XCTAssertEqual(Self.vectors.count, 4)
        for vector in Self.vectors {
            let key = try IssuerKey(modulus: bytes(vector.n), exponent: bytes(vector.e))
            let published = try IssuerKey(subjectPublicKeyInfo: key.subjectPublicKeyInfo)
            let (prepared, signature) = (bytes(vector.prepared_msg), bytes(vector.sig))
            // Only the salted variant is this project's; a signature without salt is another scheme's and fails.
            let salted = vector.salt.count == 96
            XCTAssertEqual(key.isValid(signature: signature, prepared: prepared), salted, vector.name)
            XCTAssertEqual(published.isValid(signature: signature, prepared: prepared), salted, vector.name)
            var changed = signature
            changed[10] ^= 1
            XCTAssertFalse(key.isValid(signature: changed, prepared: prepared), vector.name)
            var otherMessage = prepared
            otherMessage[otherMessage.count - 1] ^= 1
            XCTAssertFalse(key.isValid(signature: signature, prepared: otherMessage), vector.name)
            XCTAssertFalse(key.isValid(signature: signature, prepared: Data()), vector.name)
        }
    }

    /// The issuer's half, as `swift-crypto` does it: the blinded message the page made (the vector's) signed with the
    /// issuer's private key gives the vector's blind signature, which the page then unblinds.
    func testTheIssuerSignsABlindedMessageAsTheRFCSays() throws {
        for vector in Self.vectors where vector.salt.count == 96 {
            let issuer = try _RSA.BlindSigning.PrivateKey(n: bytes(vector.n), e: bytes(vector.e), d: bytes(vector.d), p: bytes(vector.p),
                                                          q: bytes(vector.q), parameters: .RSABSSA_SHA384_PSS_Randomized)
            XCTAssertEqual(try issuer.blindSignature(for: bytes(vector.blinded_msg)).rawRepresentation, bytes(vector.blind_sig), vector.name)
        }
    }

    func testAShortOrMalformedKeyIsRefused() throws {
        let short = try _RSA.Signing.PrivateKey(unsafeKeySize: _RSA.Signing.KeySize(bitCount: 1024))
        XCTAssertThrowsError(try IssuerKey(subjectPublicKeyInfo: short.publicKey.derRepresentation)) { error in
            XCTAssertEqual(error as? IssuerKeyError, .unreadable)
        }
        XCTAssertThrowsError(try IssuerKey(subjectPublicKeyInfo: Data("not a key".utf8)))
        XCTAssertThrowsError(try IssuerKey(modulus: Data([0x01, 0x00]), exponent: Data([0x01, 0x00, 0x01])))
    }
}
