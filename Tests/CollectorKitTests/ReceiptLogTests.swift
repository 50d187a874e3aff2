@testable import CollectorKit
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

/// The collector's receipt log (docs/LOG.md): every acceptance proves the ballot is in a signed tree head, the heads
/// only grow, and a restart rebuilds the same tree from the file.
final class ReceiptLogTests: XCTestCase {
    private let publicKey = try! Curve25519.Signing.PublicKey(rawRepresentation: Base64URL.decode(Fixtures.logKey.publicKeyText)!)

    /// What an answer's `log` member proves, checked as a participant's page checks it; fails the test otherwise.
    private func checkedProof(_ answer: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws -> (entry: LogEntry, head: SignedTreeHead) {
        let log = try XCTUnwrap(answer["log"] as? [String: Any], "the answer carries the log's proof", file: file, line: line)
        let fields = try XCTUnwrap(log["entry"] as? [String: Any], file: file, line: line)
        let entry = try XCTUnwrap(LogEntry(index: UInt64(fields["index"] as! Int), receipt: Bytes32(hex: fields["receipt"] as! String)!,
                                           content: Bytes32(hex: fields["content"] as! String)!, receivedMilliseconds: UInt64(fields["received_ms"] as! Int),
                                           collectorID: fields["collector_id"] as! String))
        XCTAssertEqual(entry.receipt.hex, answer["receipt"] as? String, "the entry is this receipt's", file: file, line: line)
        if let storedAt = answer["stored_at"] as? String {
            XCTAssertEqual(LogRow.milliseconds(storedAt), entry.receivedMilliseconds, "the entry's time is the stored time", file: file, line: line)
        }
        let head = try JSONDecoder().decode(SignedTreeHead.self, from: JSONSerialization.data(withJSONObject: log["tree_head"]!))
        XCTAssertTrue(head.isSignatureValid(publicKey: publicKey), "the collector signed the head", file: file, line: line)
        let path = (log["inclusion_path"] as! [String]).map { Bytes32(hex: $0)! }
        let proof = InclusionProof(leafIndex: entry.index, treeSize: head.head.treeSize, path: path)
        XCTAssertTrue(proof.verify(leafHash: entry.leafHash, rootHash: head.head.rootHash), "the entry is in the signed tree", file: file, line: line)
        return (entry, head)
    }

    private func head(_ client: some TestClientProtocol) async throws -> SignedTreeHead {
        let response = try await client.execute(uri: "/v1/log/head", method: .get)
        XCTAssertEqual(response.status, .ok, response.text)
        let answer = Fixtures.object(response.body)
        XCTAssertEqual(answer["public_key"] as? String, Fixtures.logKey.publicKeyText)
        let head = try JSONDecoder().decode(SignedTreeHead.self, from: JSONSerialization.data(withJSONObject: answer["tree_head"]!))
        XCTAssertTrue(head.isSignatureValid(publicKey: publicKey))
        return head
    }

    func testEveryAcceptanceProvesItsEntryInASignedHeadAndHeadsOnlyGrow() async throws {
        try await withCollector(live: true) { client, _ in
            var heads: [SignedTreeHead] = []
            for seed in UInt8(1)...5 {
                let body = Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")], seed: seed))
                let response = try await client.postJSON(body)
                XCTAssertEqual(response.status, .created, response.text)
                let (entry, head) = try checkedProof(Fixtures.object(response.body))
                XCTAssertEqual(entry.index, UInt64(seed - 1), "entries are numbered in the order stored")
                XCTAssertEqual(entry.collectorID, "test-1")
                XCTAssertGreaterThan(head.head.treeSize, entry.index)
                heads.append(head)
            }
            // The same ballot again: the same entry, not a new one.
            let again = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")], seed: 3)))
            XCTAssertEqual(try checkedProof(Fixtures.object(again.body)).entry.index, 2)

            let latest = try await head(client)
            XCTAssertEqual(latest.head.treeSize, 5)
            // Each earlier head is a prefix of the latest: what a participant was shown is still in the log.
            for earlier in heads {
                let response = try await client.execute(uri: "/v1/log/consistency?first=\(earlier.head.treeSize)&second=5", method: .get)
                XCTAssertEqual(response.status, .ok, response.text)
                let proof = try JSONDecoder().decode(ConsistencyProof.self, from: Data(buffer: response.body))
                XCTAssertTrue(proof.verify(firstRoot: earlier.head.rootHash, secondRoot: latest.head.rootHash), "size \(earlier.head.treeSize)")
            }
            for query in ["first=4&second=3", "first=1&second=6", "first=x&second=2", "second=2"] {
                let response = try await client.execute(uri: "/v1/log/consistency?" + query, method: .get)
                XCTAssertEqual(response.status, .badRequest, query)
                XCTAssertEqual(Fixtures.errorCode(response.body), "invalid_tree_size", query)
            }

            let receipt = Fixtures.object(again.body)["receipt"] as! String
            let lookup = try await client.execute(uri: "/v1/receipts/" + receipt, method: .get)
            XCTAssertEqual(lookup.status, .ok, lookup.text)
            let (entry, shown) = try checkedProof(Fixtures.object(lookup.body))
            XCTAssertEqual(entry.index, 2)
            XCTAssertEqual(shown.head.treeSize, 5, "a receipt looked up later is proved against the latest head")
        }
    }

    func testTheHeadWrittenByHandIsItsCanonicalJSON() throws {
        let head = try SignedTreeHead(head: TreeHead(treeSize: 7, rootHash: Bytes32(hex: String(repeating: "ab", count: 32))!,
                                                     timestampMilliseconds: 1_795_705_200_004, collectorID: "kiosk \"é\" <&>\u{2028}\u{08}")!,
                                      signingKey: Fixtures.logKey.privateKey)
        XCTAssertEqual(LogHeads.json(head), String(decoding: try CanonicalJSON.compact(head), as: UTF8.self))
    }

    func testARestartRebuildsTheSameTreeFromTheFile() async throws {
        let path = Fixtures.temporaryDatabase()
        var roots: [Bytes32] = []
        for restart in 0..<2 {
            let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
            let router = CollectorServer.router(manifest: Fixtures.manifest, configuration: Fixtures.configuration(), store: store,
                                                metrics: CollectorMetrics(), environment: Fixtures.environment())
            let root = try await Application(router: router).test(.router) { client in
                for seed in restart == 0 ? Array(UInt8(1)...3) : [4] {
                    let body = Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("bike-lanes")], seed: seed))
                    let response = try await client.postJSON(body)
                    XCTAssertEqual(response.status, .created)
                    let entry = try checkedProof(Fixtures.object(response.body)).entry
                    XCTAssertEqual(entry.index, UInt64(seed - 1), "numbering goes on after a restart")
                }
                return try await head(client).head.rootHash
            }
            roots.append(root)
            await store.close()
        }
        let reopened = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        XCTAssertEqual(reopened.log.root(size: 4), roots[1])
        XCTAssertEqual(reopened.log.consistencyProof(first: 3, second: 4)?.verify(firstRoot: roots[0], secondRoot: roots[1]), true,
                       "the head before the restart is a prefix of the one after")
        await reopened.close()
    }

    func testAFileIsServedOnlyWithTheKeyThatSignsItsLog() async throws {
        let path = Fixtures.temporaryDatabase()
        let first = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), logPublicKey: Fixtures.logKey.publicKeyText)
        await first.close()
        let other = LogKey(seed: [UInt8](repeating: 7, count: 32))!
        XCTAssertThrowsError(try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), logPublicKey: other.publicKeyText)) { error in
            XCTAssertTrue("\(error)".contains("its receipt log is signed by key \(Fixtures.logKey.publicKeyText)"), "\(error)")
        }
        let again = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), logPublicKey: Fixtures.logKey.publicKeyText)
        await again.close()
    }

    func testAFileWhoseRowsALogCannotHoldIsRefusedAtStart() async throws {
        let path = Fixtures.temporaryDatabase()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        await store.close()
        try SQLiteConnection(path: path).execute("""
            INSERT INTO submissions (rowid, receipt, form_id, ballot, public_key, signature, received_at, collector_id, client_hash)
            VALUES (2, '\(String(repeating: "a", count: 64))', 'f', 'b', 'k', 's', '2026-11-26T15:00:00.000Z', 'c1', 'h')
            """)
        XCTAssertThrowsError(try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))) { error in
            XCTAssertTrue("\(error)".contains("row 2 is not one a collector writes"), "\(error)")
        }
    }
}
