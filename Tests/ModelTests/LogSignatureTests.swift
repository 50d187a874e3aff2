import Crypto
import Foundation
import Model
import XCTest

/// The log's leaf encoding, the collector's countersignatures and signed tree heads, and their JSON: the worked
/// example of docs/LOG.md, whose bytes and signatures were made with Python's hashlib and cryptography.
final class LogSignatureTests: XCTestCase {
    /// The example collector's key: the seed 00 01 ... 1f.
    private let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: Array(0..<32) as [UInt8])
    private let otherKey = try! Curve25519.Signing.PrivateKey(rawRepresentation: Array(repeating: 7, count: 32) as [UInt8])
    /// 2026-11-26T15:00:00Z.
    private let received: UInt64 = 1_795_705_200_000
    private var entry: LogEntry { LogEntry(index: 5, receipt: Bytes32(Array(0x20..<0x40))!, receivedMilliseconds: received, collectorID: "collector-a")! }
    private var head: TreeHead {
        TreeHead(treeSize: 8, rootHash: Bytes32(hex: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")!,
                 timestampMilliseconds: received + 60_000, collectorID: "collector-a")!
    }

    func testTheLeafIsItsFieldsInAFixedOrderAndWidth() {
        XCTAssertEqual(Hex.encode(entry.leafBytes), "01" + "0000000000000005" + "000001a2185edd80"
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f" + "000b" + "636f6c6c6563746f722d61")
        XCTAssertEqual(entry.leafHash.hex, "974d13d77eda4eaae3d4ec24e831c6da13cb1d8b5924f84f73755ec5bd787068")
        XCTAssertEqual(Hex.encode(head.bytes), "0000000000000008" + "000001a2185fc7e0"
            + "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" + "000b" + "636f6c6c6563746f722d61")
        XCTAssertEqual(Hex.encode(CountersignedReceipt.message(for: entry).prefix(24)), Hex.encode(Array("consultation-receipt-v1\n".utf8)))
        XCTAssertEqual(SignedTreeHead.message(for: head), Array("consultation-tree-head-v1\n".utf8) + head.bytes)
    }

    func testACollectorIDMustFitItsLength() {
        XCTAssertNil(LogEntry(index: 0, receipt: entry.receipt, receivedMilliseconds: 0, collectorID: ""))
        XCTAssertNotNil(LogEntry(index: 0, receipt: entry.receipt, receivedMilliseconds: 0, collectorID: String(repeating: "a", count: 65535)))
        XCTAssertNil(LogEntry(index: 0, receipt: entry.receipt, receivedMilliseconds: 0, collectorID: String(repeating: "a", count: 65536)))
        XCTAssertNil(TreeHead(treeSize: 0, rootHash: MerkleHash.emptyTree, timestampMilliseconds: 0, collectorID: ""))
        // The length counts UTF-8 bytes, not characters.
        XCTAssertEqual(Hex.encode(LogEntry(index: 0, receipt: entry.receipt, receivedMilliseconds: 0, collectorID: "é")!.leafBytes.suffix(4)), "0002c3a9")
    }

    func testTheDocumentedSignaturesVerify() throws {
        XCTAssertEqual(Base64URL.encode(key.publicKey.rawRepresentation), "A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg")
        let receipt = CountersignedReceipt(entry: entry, signature: Base64URL.decode(
            "syQL8On_BwRfOnVwrMoFnYWBhUH7wuXEhwEfPnqZeVEsrL70Bn0N2xyA1yys_B-T75iqHOXFQLKrY5WW52B_CQ")!)
        XCTAssertTrue(receipt.isSignatureValid(publicKey: key.publicKey))
        let signedHead = SignedTreeHead(head: head, signature: Base64URL.decode(
            "LMEiOhz0Md8lf6vTgKV7nd3WvAbGNZbBvqzfAc--V9idzIPkHwopxEVVAoOD3a_8-3VZtXA-2AQZuPDM-v6dBA")!)
        XCTAssertTrue(signedHead.isSignatureValid(publicKey: key.publicKey))
    }

    func testACountersignatureCoversEveryFieldAndOnlyItsKey() throws {
        let signed = try CountersignedReceipt(entry: entry, signingKey: key)
        XCTAssertTrue(signed.isSignatureValid(publicKey: key.publicKey))
        XCTAssertFalse(signed.isSignatureValid(publicKey: otherKey.publicKey))
        var receiptBytes = entry.receipt.bytes
        receiptBytes[31] ^= 1
        let changed = [
            LogEntry(index: 6, receipt: entry.receipt, receivedMilliseconds: received, collectorID: "collector-a")!,
            LogEntry(index: 5, receipt: Bytes32(receiptBytes)!, receivedMilliseconds: received, collectorID: "collector-a")!,
            LogEntry(index: 5, receipt: entry.receipt, receivedMilliseconds: received + 1, collectorID: "collector-a")!,
            LogEntry(index: 5, receipt: entry.receipt, receivedMilliseconds: received, collectorID: "collector-b")!,
        ]
        for other in changed {
            XCTAssertFalse(CountersignedReceipt(entry: other, signature: signed.signature).isSignatureValid(publicKey: key.publicKey), "\(other)")
        }
        for position in signed.signature.indices {
            var signature = signed.signature
            signature[position] ^= 0x10
            XCTAssertFalse(CountersignedReceipt(entry: entry, signature: signature).isSignatureValid(publicKey: key.publicKey), "signature byte \(position)")
        }
        XCTAssertFalse(CountersignedReceipt(entry: entry, signature: Array(signed.signature.dropLast())).isSignatureValid(publicKey: key.publicKey))
        // Another collector's countersignature over the same ballot is its own, not this one's.
        let elsewhere = LogEntry(index: 5, receipt: entry.receipt, receivedMilliseconds: received, collectorID: "collector-b")!
        XCTAssertFalse(try CountersignedReceipt(entry: elsewhere, signingKey: otherKey).isSignatureValid(publicKey: key.publicKey))
    }

    func testATreeHeadSignatureCoversEveryFieldAndOnlyItsKey() throws {
        let signed = try SignedTreeHead(head: head, signingKey: key)
        XCTAssertTrue(signed.isSignatureValid(publicKey: key.publicKey))
        XCTAssertFalse(signed.isSignatureValid(publicKey: otherKey.publicKey))
        let changed = [
            TreeHead(treeSize: 9, rootHash: head.rootHash, timestampMilliseconds: head.timestampMilliseconds, collectorID: "collector-a")!,
            TreeHead(treeSize: 8, rootHash: MerkleHash.emptyTree, timestampMilliseconds: head.timestampMilliseconds, collectorID: "collector-a")!,
            TreeHead(treeSize: 8, rootHash: head.rootHash, timestampMilliseconds: head.timestampMilliseconds + 1, collectorID: "collector-a")!,
            TreeHead(treeSize: 8, rootHash: head.rootHash, timestampMilliseconds: head.timestampMilliseconds, collectorID: "collector-b")!,
        ]
        for other in changed {
            XCTAssertFalse(SignedTreeHead(head: other, signature: signed.signature).isSignatureValid(publicKey: key.publicKey), "\(other)")
        }
        var signature = signed.signature
        signature[0] ^= 1
        XCTAssertFalse(SignedTreeHead(head: head, signature: signature).isSignatureValid(publicKey: key.publicKey))
    }

    func testAReceiptSignatureNeverPassesForATreeHeadsOrTheOtherWay() throws {
        // Domains apart, the same bytes signed as a receipt are no tree head's signature.
        let receipt = try CountersignedReceipt(entry: entry, signingKey: key)
        let message = CountersignedReceipt.message(for: entry)
        XCTAssertTrue(key.publicKey.isValidSignature(receipt.signature, for: message))
        XCTAssertFalse(key.publicKey.isValidSignature(receipt.signature, for: Array(message.dropFirst(CountersignedReceipt.domain.count))))
        XCTAssertNotEqual(CountersignedReceipt.domain, SignedTreeHead.domain)
        let signedHead = try SignedTreeHead(head: head, signingKey: key)
        XCTAssertFalse(key.publicKey.isValidSignature(signedHead.signature, for: head.bytes))
    }

    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func testTheJSONShapes() throws {
        let receipt = try CountersignedReceipt(entry: entry, signingKey: key)
        let receiptJSON = try json(receipt)
        XCTAssertEqual(receiptJSON, #"{"collector_id":"collector-a","index":5,"#
            + #""receipt":"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f","received_ms":1795705200000,"signature":""#
            + Base64URL.encode(receipt.signature) + #""}"#)
        XCTAssertEqual(try JSONDecoder().decode(CountersignedReceipt.self, from: Data(receiptJSON.utf8)), receipt)

        let signedHead = try SignedTreeHead(head: head, signingKey: key)
        let headJSON = try json(signedHead)
        XCTAssertEqual(headJSON, #"{"collector_id":"collector-a","root_hash":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328","#
            + #""signature":""# + Base64URL.encode(signedHead.signature) + #"","timestamp_ms":1795705260000,"tree_size":8}"#)
        XCTAssertEqual(try JSONDecoder().decode(SignedTreeHead.self, from: Data(headJSON.utf8)), signedHead)

        let inclusion = InclusionProof(leafIndex: 2, treeSize: 3, path: [Bytes32(hex: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")!])
        let inclusionJSON = try json(inclusion)
        XCTAssertEqual(inclusionJSON, #"{"inclusion_path":["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],"leaf_index":2,"tree_size":3}"#)
        XCTAssertEqual(try JSONDecoder().decode(InclusionProof.self, from: Data(inclusionJSON.utf8)), inclusion)

        let consistency = ConsistencyProof(firstSize: 0, secondSize: 0, path: [])
        let consistencyJSON = try json(consistency)
        XCTAssertEqual(consistencyJSON, #"{"consistency_path":[],"first_size":0,"second_size":0}"#)
        XCTAssertEqual(try JSONDecoder().decode(ConsistencyProof.self, from: Data(consistencyJSON.utf8)), consistency)
    }

    func testJSONWithAnotherSpellingIsRefused() throws {
        let receipt = try json(try CountersignedReceipt(entry: entry, signingKey: key))
        let signature = Base64URL.encode(try CountersignedReceipt(entry: entry, signingKey: key).signature)
        let spoilt = [
            receipt.replacingOccurrences(of: "2a2b2c", with: "2A2B2C"),
            receipt.replacingOccurrences(of: "3e3f\"", with: "3e\""),
            receipt.replacingOccurrences(of: signature, with: signature + "=="),
            receipt.replacingOccurrences(of: signature, with: Base64URL.encode(Base64URL.decode(signature)!.dropLast())),
            receipt.replacingOccurrences(of: "\"collector-a\"", with: "\"\""),
            receipt.replacingOccurrences(of: "\"index\":5", with: "\"index\":-5"),
        ]
        for text in spoilt {
            XCTAssertNotEqual(text, receipt)
            XCTAssertThrowsError(try JSONDecoder().decode(CountersignedReceipt.self, from: Data(text.utf8)), text)
        }
        XCTAssertThrowsError(try JSONDecoder().decode(InclusionProof.self, from: Data(#"{"inclusion_path":["00"],"leaf_index":0,"tree_size":1}"#.utf8)))
    }
}
