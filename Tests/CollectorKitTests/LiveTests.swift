import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Model
import XCTest

/// The collector on a real loopback socket with a real SQLite file: both submission paths end in the same kind of row.
final class LiveTests: XCTestCase {
    func testScriptAndFormSubmissionsOverTheNetworkLandAsTheSameKindOfRecord() async throws {
        let path = Fixtures.temporaryDatabase()
        let environment = Fixtures.environment()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        let app = CollectorServer.application(manifest: Fixtures.manifest, configuration: Fixtures.configuration(), store: store,
                                              metrics: CollectorMetrics(), environment: environment, host: "127.0.0.1", port: 0,
                                              logger: Logger(label: "live-test"))
        try await app.test(.live) { client in
            XCTAssertNotNil(client.port)
            let script = try await client.postJSON(Fixtures.json(Fixtures.signedBody(form: Fixtures.budget, items: [BallotItem("park-benches")])))
            XCTAssertEqual(script.status, .created)
            let form = try await client.postForm(Fixtures.budget.id, [("choice", "bike-lanes"), ("code", "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZW")])
            XCTAssertEqual(form.status, .created, form.text)
            let receipt = Fixtures.object(script.body)["receipt"] as! String
            let lookup = try await client.execute(uri: "/v1/receipts/\(receipt)", method: .get)
            XCTAssertEqual(lookup.status, .ok)
        }
        await store.close()
        let rows = TestDatabase(path: path).rows("SELECT form_id, ballot, public_key, signature, collector_id FROM submissions ORDER BY rowid")
        XCTAssertEqual(rows.count, 2)
        for row in rows {
            XCTAssertEqual(row[0], Fixtures.budget.id)
            let signed = SignedBallot(text: row[1]!, publicKey: Base64URL.decode(row[2]!)!, signature: Base64URL.decode(row[3]!)!)
            XCTAssertTrue(signed.isSignatureValid)
            XCTAssertNoThrow(try CanonicalBallot.parse(row[1]!))
            XCTAssertEqual(row[4], "test-1")
        }
    }
}
