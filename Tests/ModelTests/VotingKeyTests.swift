import Crypto
import Foundation
import Model
import XCTest

final class VotingKeyTests: XCTestCase {
    func testTheKeyIsHKDFOfTheDataSymbolsSaltedWithTheRoll() throws {
        let key = try VotingKey(code: "abcde-fghjk-mnpqr-stvwx-yz016", rollID: "city-2026")
        let same = try VotingKey(code: "ABCDEFGHJKMNPQRSTVWXYZO16", rollID: "city-2026")
        let otherRoll = try VotingKey(code: "ABCDE-FGHJK-MNPQR-STVWX-YZ016", rollID: "city-2027")
        XCTAssertEqual(key.publicKey, same.publicKey)
        XCTAssertNotEqual(key.publicKey, otherRoll.publicKey)
        // The check symbol is left out of the key material.
        let seed = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data("ABCDEFGHJKMNPQRSTVWXYZ01".utf8)), salt: Data("city-2026".utf8),
                                          info: Data("ballot-key-v1".utf8), outputByteCount: 32)
        XCTAssertEqual(key.seed, seed.withUnsafeBytes { Array($0) })
        // docs/BALLOT.md's test vector, which the browser's script is checked against too.
        XCTAssertEqual(Hex.encode(key.seed), "b4fec60298b722a8a13d6f99a030364fa1065b1a58c5919a5ffb4981c6c1ecd6")
        XCTAssertEqual(key.publicKey, "kL5JJ7-MN9oMp2fYmeggUBXi7QmGe_mpUzCB334vpWU")
    }

    func testAMistypedCodeGivesNoKey() {
        XCTAssertThrowsError(try VotingKey(code: "ABCDE-FGHJK-MNPQR-STVWX-YZ017", rollID: "city-2026")) {
            XCTAssertEqual($0 as? VotingCodeError, .checkMismatch)
        }
    }

    func testSignaturesVerifyAndReceiptsAreTheSHA256OfTheSignature() throws {
        let key = try VotingKey(code: "ABCDE-FGHJK-MNPQR-STVWX-YZ016", rollID: "city-2026")
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
}
