import Crypto
import Foundation
import Model
import XCTest

final class VotingKeyTests: XCTestCase {
    func testCodesNormaliseToCrockfordBase32() throws {
        XCTAssertEqual(try VotingKey.normalize("abcd-efgh ijkl mnop qrst"), "ABCDEFGH1JK1MN0PQRST")
        XCTAssertThrowsError(try VotingKey.normalize("ABCD-EFGH-JKMN-PQRS-TUVW")) { XCTAssertEqual($0 as? VotingCodeError, .invalidCharacter) }
        XCTAssertThrowsError(try VotingKey.normalize("ABCD-EFGH")) { XCTAssertEqual($0 as? VotingCodeError, .tooShort) }
        XCTAssertThrowsError(try VotingKey.normalize("ABCD-EFGH-JKMN-PQRS-TVWX-É")) { XCTAssertEqual($0 as? VotingCodeError, .invalidCharacter) }
    }

    func testTheKeyIsHKDFOfTheNormalisedCodeSaltedWithTheRoll() throws {
        let key = try VotingKey(code: "abcd-efgh-jkmn-pqrs-tvwx", rollID: "city-2026")
        let same = try VotingKey(code: "ABCDEFGHJKMNPQRSTVWX", rollID: "city-2026")
        let otherRoll = try VotingKey(code: "ABCDEFGHJKMNPQRSTVWX", rollID: "city-2027")
        XCTAssertEqual(key.publicKey, same.publicKey)
        XCTAssertNotEqual(key.publicKey, otherRoll.publicKey)
        let seed = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data("ABCDEFGHJKMNPQRSTVWX".utf8)), salt: Data("city-2026".utf8),
                                          info: Data("ballot-key-v1".utf8), outputByteCount: 32)
        XCTAssertEqual(key.privateKey.rawRepresentation, seed.withUnsafeBytes { Data($0) })
        XCTAssertEqual(key.publicKey.count, 43)
        // Pinned so the browser's implementation can be checked against the same vector (docs/BALLOT.md).
        XCTAssertEqual(key.publicKey, Self.pinnedPublicKey)
    }

    func testSignaturesVerifyAndReceiptsAreTheSHA256OfTheSignature() throws {
        let key = try VotingKey(code: "ABCDEFGHJKMNPQRSTVWX", rollID: "city-2026")
        let ballot = CanonicalBallot(form: "f", items: [BallotItem("a")], nonce: Array(repeating: 7, count: 16), issued: Date(timeIntervalSince1970: 0))
        let signature = key.sign(ballot)
        XCTAssertEqual(signature.count, 86)
        let signed = SignedBallot(text: ballot.text, publicKey: Base64URL.decode(key.publicKey)!, signature: Base64URL.decode(signature)!)
        XCTAssertTrue(signed.isSignatureValid)
        XCTAssertEqual(signed.receipt, SHA256.hash(data: Base64URL.decode(signature)!).map { String(format: "%02x", $0) }.joined())
        let tampered = SignedBallot(text: ballot.text + " ", publicKey: signed.publicKey, signature: signed.signature)
        XCTAssertFalse(tampered.isSignatureValid)
    }

    func testBase64URLHasOneSpellingPerValue() {
        XCTAssertEqual(Base64URL.encode([0xFB, 0xFF]), "-_8")
        XCTAssertEqual(Base64URL.decode("-_8"), [0xFB, 0xFF])
        XCTAssertNil(Base64URL.decode("-_9"))
        XCTAssertNil(Base64URL.decode("+/8"))
        XCTAssertNil(Base64URL.decode("-_8="))
        XCTAssertNil(Base64URL.decode("A"))
    }

    static let pinnedPublicKey = "4MXMjoGxhTu4yzobvEQlxyLhkW1qMZw7jNFGBk2IUEE"
}
