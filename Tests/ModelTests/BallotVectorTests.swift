import Foundation
import Model
import XCTest

/// Model against every vector of Tests/Vectors/ballot-v1.json, the file the browser test checks ballot.js against.
final class BallotVectorTests: XCTestCase {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/ballot-v1.json")

    var vectors: [String: Any] = [:]

    override func setUpWithError() throws {
        let data = try Data(contentsOf: Self.url)
        vectors = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func list(_ key: String) throws -> [[String: Any]] {
        let entries = try XCTUnwrap(vectors[key] as? [[String: Any]], key)
        XCTAssertFalse(entries.isEmpty, key)
        return entries
    }

    func testPercentEncoding() throws {
        for entry in try list("percent_encoding") {
            let text = try XCTUnwrap(entry["text"] as? String), encoded = try XCTUnwrap(entry["encoded"] as? String)
            XCTAssertEqual(PercentEncoding.encode(text), encoded, text)
            XCTAssertEqual(PercentEncoding.decode(encoded), text, encoded)
        }
    }

    func testCodes() throws {
        for entry in try list("codes") {
            let typed = try XCTUnwrap(entry["typed"] as? String)
            let code = try VotingCode(parsing: typed)
            XCTAssertEqual(code.data, entry["data"] as? String, typed)
            XCTAssertEqual(String(code.checkSymbol), entry["check"] as? String, typed)
            XCTAssertEqual(code.grouped, entry["grouped"] as? String, typed)
        }
    }

    func testMistypedCodes() throws {
        for entry in try list("mistyped_codes") {
            let typed = try XCTUnwrap(entry["typed"] as? String)
            XCTAssertThrowsError(try VotingCode(parsing: typed), typed) { error in
                guard let error = error as? VotingCodeError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.code, entry["error"] as? String, typed)
                switch error {
                case .invalidCharacter(let character, let position):
                    XCTAssertEqual(position, (entry["position"] as? NSNumber)?.intValue, typed)
                    XCTAssertEqual(String(character), entry["character"] as? String, typed)
                case .wrongLength(let length): XCTAssertEqual(length, (entry["length"] as? NSNumber)?.intValue, typed)
                case .checkMismatch: break
                }
            }
        }
    }

    func testKeys() throws {
        for entry in try list("keys") {
            let key = try VotingKey(code: try XCTUnwrap(entry["code"] as? String), rollID: try XCTUnwrap(entry["roll"] as? String))
            XCTAssertEqual(Hex.encode(key.seed), entry["seed"] as? String)
            XCTAssertEqual(key.publicKey, entry["public_key"] as? String)
        }
    }

    func testBallotsSignaturesAndReceipts() throws {
        for entry in try list("ballots") {
            let name = try XCTUnwrap(entry["name"] as? String)
            let items = try XCTUnwrap(entry["items"] as? [[String]], name).map(BallotItem.init)
            let nonce = try XCTUnwrap(Self.bytes(hex: try XCTUnwrap(entry["nonce"] as? String)), name)
            let milliseconds = try XCTUnwrap((entry["issued_ms"] as? NSNumber)?.int64Value, name)
            let ballot = CanonicalBallot(form: try XCTUnwrap(entry["form"] as? String), items: items, nonce: nonce,
                                         issued: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            let text = try XCTUnwrap(entry["text"] as? String)
            XCTAssertEqual(ballot.text, text, name)
            XCTAssertEqual(try CanonicalBallot.parse(text), ballot, name)

            let key = try VotingKey(code: try XCTUnwrap(entry["code"] as? String), rollID: try XCTUnwrap(entry["roll"] as? String))
            XCTAssertEqual(key.publicKey, entry["public_key"] as? String, name)
            let signature = try XCTUnwrap(entry["signature"] as? String)
            let signed = SignedBallot(text: text, publicKey: try XCTUnwrap(Base64URL.decode(key.publicKey)),
                                      signature: try XCTUnwrap(Base64URL.decode(signature), name))
            XCTAssertTrue(signed.isSignatureValid, name)
            XCTAssertEqual(signed.receipt, entry["receipt"] as? String, name)
            #if !canImport(Darwin)
            // BoringSSL signs deterministically as RFC 8032 says; Apple's CryptoKit adds randomness, so only the check above holds there.
            XCTAssertEqual(key.sign(ballot), signature, name)
            #endif
        }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
