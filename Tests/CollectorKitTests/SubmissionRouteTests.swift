import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

final class SubmissionRouteTests: XCTestCase {
    func testASignedBallotIsStoredAndAnswered201WithItsReceipt() async throws {
        try await withCollector { client, db in
            let body = Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches"), BallotItem("bike-lanes")])
            let response = try await client.postJSON(Fixtures.json(body))
            XCTAssertEqual(response.status, .created, response.text)
            let answer = Fixtures.object(response.body)
            let signature = Base64URL.decode(body["signature"] as! String)!
            XCTAssertEqual(answer["receipt"] as? String, SignedBallot.receipt(ofSignature: signature))
            XCTAssertEqual(answer["form"] as? String, Fixtures.budget.id)
            XCTAssertEqual(answer["stored_at"] as? String, "2026-11-26T15:00:00.000Z")
            let row = db.rows("SELECT receipt, form_id, ballot, public_key, signature, identity, collector_id, client_hash FROM submissions")
            XCTAssertEqual(row.count, 1)
            XCTAssertEqual(row[0][1], Fixtures.budget.id)
            XCTAssertEqual(row[0][2], body["ballot"] as? String)
            XCTAssertEqual(row[0][3], body["public_key"] as? String)
            XCTAssertNil(row[0][5])
            XCTAssertEqual(row[0][6], "test-1")
            XCTAssertEqual(row[0][7]?.count, 64)
        }
    }

    func testTheSameBallotTwiceIsStoredOnceWithTheSameReceipt() async throws {
        try await withCollector { client, db in
            let body = Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")]))
            let first = try await client.postJSON(body)
            let second = try await client.postJSON(body)
            XCTAssertEqual(first.status, .created)
            XCTAssertEqual(second.status, .created)
            XCTAssertEqual(Fixtures.object(first.body)["receipt"] as? String, Fixtures.object(second.body)["receipt"] as? String)
            XCTAssertEqual(Fixtures.object(first.body)["stored_at"] as? String, Fixtures.object(second.body)["stored_at"] as? String)
            XCTAssertEqual(db.submissionCount, 1)
        }
    }

    /// A second ballot under one key on one form supersedes or is superseded at the count: the answer says so, never
    /// silently, and the same ballot posted again, or one under another key, does not.
    func testAnotherBallotUnderTheSameKeyIsAnsweredAsReplacingTheEarlier() async throws {
        try await withCollector { client, _ in
            let first = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")], seed: 4)))
            let again = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")], seed: 4)))
            let changed = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("bike-lanes")], seed: 4, nonce: 2)))
            let other = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("bike-lanes")], seed: 5)))
            XCTAssertEqual([first, again, changed, other].map(\.status), [.created, .created, .created, .created])
            XCTAssertEqual([first, again, changed, other].map { Fixtures.object($0.body)["replaces"] as? Bool }, [nil, nil, true, nil])
        }
    }

    func testOpenFormsStoreTheirCleanedIdentityFields() async throws {
        try await withCollector { client, db in
            let body = Fixtures.signedBody(form: Fixtures.petition, items: [], seed: 9,
                                           identity: ["name": "  Ada Lovelace ", "email": "ada@example.org", "resident": "on"])
            let response = try await client.postJSON(Fixtures.json(body))
            XCTAssertEqual(response.status, .created, response.text)
            XCTAssertEqual(db.scalar("SELECT identity FROM submissions"), #"{"email":"ada@example.org","name":"Ada Lovelace","resident":"yes"}"#)
        }
    }

    func testEveryRefusalIsA4xxWithAStableCodeAndStoresNothing() async throws {
        let good = Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])
        func with(_ change: (inout [String: Any]) -> Void) -> [String: Any] {
            var body = good
            change(&body)
            return body
        }
        let closedBody = Fixtures.signedBody(form: Fixtures.closed, items: [BallotItem("a")], seed: 1)
        let futureBody = Fixtures.signedBody(form: Fixtures.future, items: [BallotItem("a")], seed: 1)
        let cases: [(String, [String: Any], Int, String, String?)] = [
            ("unknown form", with { $0["form"] = "nope" }, 404, "unknown_form", "form"),
            ("closed", closedBody, 403, "form_closed", "form"),
            ("not open yet", futureBody, 403, "form_not_open", "form"),
            ("not canonical", with { $0["ballot"] = ($0["ballot"] as! String) + "\n" }, 422, "ballot_not_canonical", "ballot"),
            ("other form", with { $0["form"] = Fixtures.petition.id }, 422, "form_mismatch", "ballot"),
            ("unknown option", Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("pony")]), 422, "invalid_choice", "choice"),
            ("too many", Fixtures.signedBody(form: Fixtures.budget, items: ["park-benches", "bike-lanes", "library-roof"].map { BallotItem($0) }),
             422, "too_many_choices", "choice"),
            ("over budget", Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("library-roof"), BallotItem("bike-lanes")]),
             422, "over_budget", "choice"),
            ("short key", with { $0["public_key"] = "AAAA" }, 422, "invalid_public_key", "public_key"),
            ("padded key", with { $0["public_key"] = ($0["public_key"] as! String) + "=" }, 422, "invalid_public_key", "public_key"),
            ("bad signature", with { $0["signature"] = String(repeating: "A", count: 85) }, 422, "invalid_signature", "signature"),
            ("missing field", with { $0["signature"] = nil }, 400, "missing_field", "signature"),
            ("unknown field", with { $0["extra"] = "x" }, 400, "unknown_field", nil),
            ("number for string", with { $0["form"] = 1e300 }, 400, "invalid_json", "form"),
            ("identity on a roll form", with { $0["identity"] = ["name": "x"] }, 400, "unknown_field", "identity"),
            ("missing identity", Fixtures.signedBody(form: Fixtures.petition, items: [], seed: 3, identity: ["name": "A"]),
             422, "missing_identity", "identity.email"),
            ("bad email", Fixtures.signedBody(form: Fixtures.petition, items: [], seed: 3, identity: ["name": "A", "email": "a@b"]),
             422, "invalid_identity", "identity.email"),
        ]
        try await withCollector { client, db in
            for (name, body, status, code, field) in cases {
                let response = try await client.postJSON(Fixtures.json(body))
                XCTAssertEqual(response.status.code, status, name)
                let error = Fixtures.object(response.body)["error"] as? [String: Any]
                XCTAssertEqual(error?["code"] as? String, code, name)
                XCTAssertEqual(error?["field"] as? String, field, name)
                XCTAssertFalse((error?["message"] as? String ?? "").isEmpty, name)
            }
            XCTAssertEqual(db.submissionCount, 0)
        }
    }

    func testMalformedBodiesAreRefusedBeforeAnyCheck() async throws {
        try await withCollector(configuration: Fixtures.configuration { $0.bodyLimit = 2048 }) { client, db in
            let invalidUTF8 = try await client.postJSON(ByteBuffer(bytes: Array(#"{"form":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)))
            XCTAssertEqual(invalidUTF8.status, .badRequest)
            XCTAssertEqual(Fixtures.errorCode(invalidUTF8.body), "invalid_utf8")
            let malformed = try await client.postJSON(ByteBuffer(string: #"{"form": "#))
            XCTAssertEqual(Fixtures.errorCode(malformed.body), "invalid_json")
            let array = try await client.postJSON(ByteBuffer(string: "[1,2,3]"))
            XCTAssertEqual(Fixtures.errorCode(array.body), "invalid_json")
            let hugeNumber = try await client.postJSON(ByteBuffer(string: #"{"form": 1"# + String(repeating: "0", count: 400) + "}"))
            XCTAssertEqual(Fixtures.errorCode(hugeNumber.body), "invalid_json")
            let wrongType = try await client.postJSON(ByteBuffer(string: "form=x"), headers: [.contentType: "text/plain"])
            XCTAssertEqual(wrongType.status, .unsupportedMediaType)
            XCTAssertEqual(Fixtures.errorCode(wrongType.body), "unsupported_media_type")
            let tooLarge = try await client.postJSON(ByteBuffer(string: #"{"form": ""# + String(repeating: "a", count: 4000) + #""}"#))
            XCTAssertEqual(tooLarge.status, .contentTooLarge)
            XCTAssertEqual(Fixtures.errorCode(tooLarge.body), "body_too_large")
            XCTAssertEqual(db.submissionCount, 0)
        }
    }

    func testHostileTextIsNeverEchoedAndNeverStored() async throws {
        try await withCollector { client, db in
            let script = "<script>alert(1)</script>'; DROP TABLE submissions; --"
            var body = Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])
            body[script] = script
            let unknown = try await client.postJSON(Fixtures.json(body))
            XCTAssertEqual(unknown.status, .badRequest)
            XCTAssertFalse(unknown.text.contains("<script>"), unknown.text)
            for field in ["form", "ballot", "public_key", "signature"] {
                var hostile = Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])
                hostile[field] = script
                let response = try await client.postJSON(Fixtures.json(hostile))
                XCTAssertTrue((400..<500).contains(response.status.code), field)
                XCTAssertFalse(response.text.contains("<script>"), response.text)
                XCTAssertFalse(response.text.contains("DROP TABLE"), response.text)
            }
            let sneaky = Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem(script)])
            let response = try await client.postJSON(Fixtures.json(sneaky))
            XCTAssertEqual(Fixtures.errorCode(response.body), "invalid_choice")
            XCTAssertFalse(response.text.contains("<script>"))
            XCTAssertEqual(db.submissionCount, 0)
        }
    }

    func testSignaturesAreCheckedAtOnceOnlyWhenAsked() async throws {
        var body = Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])
        body["signature"] = Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("bike-lanes")])["signature"]
        try await withCollector(configuration: Fixtures.configuration { $0.verifySignatures = true }) { client, db in
            let refused = try await client.postJSON(Fixtures.json(body))
            XCTAssertEqual(Fixtures.errorCode(refused.body), "signature_mismatch")
            let good = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
            XCTAssertEqual(good.status, .created)
            XCTAssertEqual(db.submissionCount, 1)
        }
        try await withCollector { client, db in
            let stored = try await client.postJSON(Fixtures.json(body))
            XCTAssertEqual(stored.status, .created, "without --verify-signatures, verification is the tellers' step")
        }
    }

    func testRefusalMessagesFollowTheParticipantsLanguageWhenTheFormHasIt() async throws {
        try await withCollector { client, _ in
            let body = Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("pony")])
            let french = try await client.postJSON(Fixtures.json(body), headers: [.acceptLanguage: "fr-CH, fr;q=0.9, en;q=0.5"])
            let message = (Fixtures.object(french.body)["error"] as? [String: Any])?["message"] as? String
            XCTAssertEqual(message, Fixtures.messages.message(.invalidChoice, language: "fr"))
            let japanese = try await client.postJSON(Fixtures.json(body), headers: [.acceptLanguage: "ja"])
            XCTAssertEqual((Fixtures.object(japanese.body)["error"] as? [String: Any])?["message"] as? String, Fixtures.messages.message(.invalidChoice, language: "en"))
        }
    }

    func testAStoreThatCannotCommitAnswers503AndAcknowledgesNothing() async throws {
        let path = Fixtures.temporaryDatabase()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        await store.close()
        let router = CollectorServer.router(manifest: Fixtures.manifest, configuration: Fixtures.configuration(), store: store,
                                            metrics: CollectorMetrics(), environment: Fixtures.environment())
        try await Application(router: router).test(.router) { client in
            let response = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
            XCTAssertEqual(response.status, .serviceUnavailable)
            XCTAssertEqual(Fixtures.errorCode(response.body), "unavailable")
        }
        XCTAssertEqual(TestDatabase(path: path).submissionCount, 0)
    }
}
