import Crypto
import Foundation
import Model
import XCTest

/// The log's leaf encoding, signed tree heads and their JSON: the worked example of docs/LOG.md, whose bytes and
/// signature were made with Python's hashlib and cryptography.
final class LogSignatureTests: XCTestCase {
    /// The example collector's key: the seed 00 01 ... 1f.
    private let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: Array(0..<32) as [UInt8])
    private let otherKey = try! Curve25519.Signing.PrivateKey(rawRepresentation: Array(repeating: 7, count: 32) as [UInt8])
    /// 2026-11-26T15:00:00Z.
    private let received: UInt64 = 1_795_705_200_000
    private var entry: LogEntry {
        LogEntry(index: 5, receipt: Bytes32(Array(0x20..<0x40))!, content: Bytes32(Array(0x40..<0x60))!, receivedMilliseconds: received,
                 collectorID: "collector-a")!
    }
    /// The example's log: entries 0 to 4, receipts of 32 bytes `i` and contents of 32 bytes `0x40 + i`, a second apart,
    /// then `entry`.
    private var entries: [LogEntry] {
        (0..<5).map {
            LogEntry(index: $0, receipt: Bytes32(Array(repeating: UInt8($0), count: 32))!, content: Bytes32(Array(repeating: UInt8(0x40 + $0), count: 32))!,
                     receivedMilliseconds: received - (5 - $0) * 1000, collectorID: "collector-a")!
        } + [entry]
    }
    /// The head the example answer shows: the log of those six entries, signed 4 ms after the last was received.
    private var head: TreeHead {
        TreeHead(treeSize: 6, rootHash: Bytes32(hex: "bf1350b2d28dd608fdb9bd7c8d894f629a32b6224c70961d5f043a1ad7c4f797")!,
                 timestampMilliseconds: received + 4, collectorID: "collector-a")!
    }

    func testTheLeafIsItsFieldsInAFixedOrderAndWidth() {
        XCTAssertEqual(LogEntry.content(publicKey: "k", ballot: "form=f\n").hex, SHA256.hash(data: Array("k\nform=f\n".utf8)).map { String(format: "%02x", $0) }.joined())
        XCTAssertEqual(Hex.encode(entry.leafBytes), "02" + "0000000000000005" + "000001a2185edd80"
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f" + "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
            + "000b" + "636f6c6c6563746f722d61")
        XCTAssertEqual(entry.leafHash.hex, "f50291bb6fe84cc23c7d73c74ed63244d4dc444669314b08c91864733f6eccc5")
        XCTAssertEqual(Hex.encode(head.bytes), "0000000000000006" + "000001a2185edd84"
            + "bf1350b2d28dd608fdb9bd7c8d894f629a32b6224c70961d5f043a1ad7c4f797" + "000b" + "636f6c6c6563746f722d61")
        XCTAssertEqual(SignedTreeHead.message(for: head), Array("consultation-tree-head-v1\n".utf8) + head.bytes)
    }

    func testACollectorIDMustFitItsLength() {
        XCTAssertNil(LogEntry(index: 0, receipt: entry.receipt, content: entry.content, receivedMilliseconds: 0, collectorID: ""))
        XCTAssertNotNil(LogEntry(index: 0, receipt: entry.receipt, content: entry.content, receivedMilliseconds: 0, collectorID: String(repeating: "a", count: 65535)))
        XCTAssertNil(LogEntry(index: 0, receipt: entry.receipt, content: entry.content, receivedMilliseconds: 0, collectorID: String(repeating: "a", count: 65536)))
        XCTAssertNil(TreeHead(treeSize: 0, rootHash: MerkleHash.emptyTree, timestampMilliseconds: 0, collectorID: ""))
        // The length counts UTF-8 bytes, not characters.
        XCTAssertEqual(Hex.encode(LogEntry(index: 0, receipt: entry.receipt, content: entry.content, receivedMilliseconds: 0, collectorID: "é")!.leafBytes.suffix(4)), "0002c3a9")
    }

    /// The example answer's `log` member checked as docs/LOG.md tells a participant's page to: the entry's leaf hash,
    /// walked up the inclusion path, is the root the collector signed.
    func testTheDocumentedAnswerVerifies() throws {
        XCTAssertEqual(Base64URL.encode(key.publicKey.rawRepresentation), "A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg")
        let tree = MerkleTree(leafHashes: entries.map(\.leafHash))
        XCTAssertEqual(tree.rootHash(treeSize: 6), head.rootHash)
        let proof = try XCTUnwrap(tree.inclusionProof(leafIndex: 5, treeSize: 6))
        XCTAssertEqual(proof.path.map(\.hex), ["4b667afe5c2fada70edf8b218d03c35a564683ea196260c97977738ff1b14089",
                                               "5e9fc847086243c1639c4e04c344779027c4b0f3bcbeee692fa26083cd83111e"])
        XCTAssertTrue(proof.verify(leafHash: entry.leafHash, rootHash: head.rootHash))
        let signedHead = SignedTreeHead(head: head, signature: Base64URL.decode(
            "pol7HqDXKaeBZCsnVnXVMtjNich71BZezx9LcpW_JsupahbJRcWFktafp7Np6P7w5KCHmTKV9_OAQ0DZya32Ag")!)
        XCTAssertTrue(signedHead.isSignatureValid(publicKey: key.publicKey))
        // Another entry at that index, or this one at another, does not reach the signed root.
        let other = LogEntry(index: 5, receipt: entry.receipt, content: entry.content, receivedMilliseconds: received + 1, collectorID: "collector-a")!
        XCTAssertFalse(proof.verify(leafHash: other.leafHash, rootHash: head.rootHash))
        let otherBallot = LogEntry(index: 5, receipt: entry.receipt, content: Bytes32(Array(repeating: 0x40, count: 32))!, receivedMilliseconds: received,
                                   collectorID: "collector-a")!
        XCTAssertFalse(proof.verify(leafHash: otherBallot.leafHash, rootHash: head.rootHash), "the leaf pins the ballot's content")
        XCTAssertFalse(InclusionProof(leafIndex: 4, treeSize: 6, path: proof.path).verify(leafHash: entry.leafHash, rootHash: head.rootHash))
    }

    func testATreeHeadSignatureCoversEveryFieldAndOnlyItsKey() throws {
        let signed = try SignedTreeHead(head: head, signingKey: key)
        XCTAssertTrue(signed.isSignatureValid(publicKey: key.publicKey))
        XCTAssertFalse(signed.isSignatureValid(publicKey: otherKey.publicKey))
        let changed = [
            TreeHead(treeSize: 7, rootHash: head.rootHash, timestampMilliseconds: head.timestampMilliseconds, collectorID: "collector-a")!,
            TreeHead(treeSize: 6, rootHash: MerkleHash.emptyTree, timestampMilliseconds: head.timestampMilliseconds, collectorID: "collector-a")!,
            TreeHead(treeSize: 6, rootHash: head.rootHash, timestampMilliseconds: head.timestampMilliseconds + 1, collectorID: "collector-a")!,
            TreeHead(treeSize: 6, rootHash: head.rootHash, timestampMilliseconds: head.timestampMilliseconds, collectorID: "collector-b")!,
        ]
        for other in changed {
            XCTAssertFalse(SignedTreeHead(head: other, signature: signed.signature).isSignatureValid(publicKey: key.publicKey), "\(other)")
        }
        for position in signed.signature.indices {
            var signature = signed.signature
            signature[position] ^= 0x10
            XCTAssertFalse(SignedTreeHead(head: head, signature: signature).isSignatureValid(publicKey: key.publicKey), "signature byte \(position)")
        }
        XCTAssertFalse(SignedTreeHead(head: head, signature: Array(signed.signature.dropLast())).isSignatureValid(publicKey: key.publicKey))
        // Another collector's head of the same tree is its own, not this one's.
        let elsewhere = TreeHead(treeSize: 6, rootHash: head.rootHash, timestampMilliseconds: head.timestampMilliseconds, collectorID: "collector-b")!
        XCTAssertFalse(try SignedTreeHead(head: elsewhere, signingKey: otherKey).isSignatureValid(publicKey: key.publicKey))
    }

    func testATreeHeadSignatureCoversItsDomain() throws {
        // The head's bytes signed without the domain are no tree head's signature, and a head's signature is not
        // one over its bytes alone.
        let bare = try key.signature(for: head.bytes)
        XCTAssertFalse(SignedTreeHead(head: head, signature: Array(bare)).isSignatureValid(publicKey: key.publicKey))
        let signedHead = try SignedTreeHead(head: head, signingKey: key)
        XCTAssertFalse(key.publicKey.isValidSignature(signedHead.signature, for: head.bytes))
        XCTAssertTrue(key.publicKey.isValidSignature(signedHead.signature, for: SignedTreeHead.domain + head.bytes))
    }

    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func testTheJSONShapes() throws {
        let signedHead = try SignedTreeHead(head: head, signingKey: key)
        let headJSON = try json(signedHead)
        XCTAssertEqual(headJSON, #"{"collector_id":"collector-a","root_hash":"bf1350b2d28dd608fdb9bd7c8d894f629a32b6224c70961d5f043a1ad7c4f797","#
            + #""signature":""# + Base64URL.encode(signedHead.signature) + #"","timestamp_ms":1795705200004,"tree_size":6}"#)
        XCTAssertEqual(try JSONDecoder().decode(SignedTreeHead.self, from: Data(headJSON.utf8)), signedHead)

        let consistency = ConsistencyProof(firstSize: 0, secondSize: 0, path: [])
        let consistencyJSON = try json(consistency)
        XCTAssertEqual(consistencyJSON, #"{"consistency_path":[],"first_size":0,"second_size":0}"#)
        XCTAssertEqual(try JSONDecoder().decode(ConsistencyProof.self, from: Data(consistencyJSON.utf8)), consistency)
    }

    func testJSONWithAnotherSpellingIsRefused() throws {
        let signedHead = try SignedTreeHead(head: head, signingKey: key)
        let text = try json(signedHead)
        let signature = Base64URL.encode(signedHead.signature)
        let spoilt = [
            text.replacingOccurrences(of: "\"bf1350b2", with: "\"BF1350B2"),
            text.replacingOccurrences(of: "f797\"", with: "f7\""),
            text.replacingOccurrences(of: signature, with: signature + "=="),
            text.replacingOccurrences(of: signature, with: Base64URL.encode(signedHead.signature.dropLast())),
            text.replacingOccurrences(of: "\"collector-a\"", with: "\"\""),
            text.replacingOccurrences(of: "\"tree_size\":6", with: "\"tree_size\":-6"),
        ]
        for spelling in spoilt {
            XCTAssertNotEqual(spelling, text)
            XCTAssertThrowsError(try JSONDecoder().decode(SignedTreeHead.self, from: Data(spelling.utf8)), spelling)
        }
    }
}
