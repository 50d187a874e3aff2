import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

final class FormPostRouteTests: XCTestCase {
    func testANoJSVoteIsSignedWithTheCodesKeyAndStoredLikeAScriptsOne() async throws {
        try await withCollector { client, db in
            let response = try await client.postForm(Fixtures.budget.id, [
                ("choice", "park-benches"), ("choice", "bike-lanes"), ("code", "abcde fghjk mnpqr stvwx yz0l6"), ("lang", "fr"),
                ("return", "https://consult.example.org/fr/ward-1/"),
            ])
            XCTAssertEqual(response.status, .created, response.text)
            XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
            XCTAssertTrue(response.text.contains("<html lang=\"fr\" dir=\"ltr\">"), response.text)
            XCTAssertTrue(response.text.contains("Votre reçu\u{202F}: <code>"), "a narrow no-break space before the colon, as French writes it")
            XCTAssertTrue(response.text.contains("href=\"https://consult.example.org/fr/ward-1/\""))
            let row = db.rows("SELECT receipt, ballot, public_key, signature FROM submissions")
            XCTAssertEqual(row.count, 1)
            XCTAssertTrue(response.text.contains(row[0][0]!))
            let ballot = try CanonicalBallot.parse(row[0][1]!)
            XCTAssertEqual(ballot.items.map(\.encoded), ["bike-lanes", "park-benches"])
            XCTAssertEqual(ballot.issued, Fixtures.now)
            XCTAssertEqual(row[0][2], try VotingKey(code: Fixtures.code, rollID: "city-2026").publicKey)
            let signed = SignedBallot(text: row[0][1]!, publicKey: Base64URL.decode(row[0][2]!)!, signature: Base64URL.decode(row[0][3]!)!)
            XCTAssertTrue(signed.isSignatureValid)
            XCTAssertEqual(signed.receipt, row[0][0])
            XCTAssertFalse(db.rows("SELECT * FROM submissions").description.contains("ABCD"), "the code is never stored")
            let replaces = Fixtures.messages.text(.replaces, language: "fr")
            XCTAssertFalse(response.text.contains(replaces))
            // The same code again with another choice: the answer says only one of the two ballots counts.
            let again = try await client.postForm(Fixtures.budget.id, [("choice", "park-benches"), ("code", "abcde fghjk mnpqr stvwx yz0l6"), ("lang", "fr")])
            XCTAssertEqual(again.status, .created, again.text)
            XCTAssertTrue(again.text.contains(replaces), again.text)
        }
    }

    func testEveryBallotKindCanBePostedWithoutJavaScript() async throws {
        try await withCollector { client, db in
            let posts: [(FormSpec, [(String, String)], [String])] = [
                (Fixtures.petition, [("identity.name", "Ada"), ("identity.email", "ada@example.org")], []),
                (Fixtures.points, [("points.a", "6"), ("points.b", "4")], ["a:6", "b:4"]),
                (Fixtures.survey, [("q.mood", "good"), ("q.topics", "food"), ("q.topics", "sport"), ("q.rank.x", "2"), ("q.rank.z", "1"),
                                   ("q.grid.r1", "yes"), ("q.grid.r2", "no"), ("q.say", "Plus\r\nd'ombre")],
                 ["grid:r1:yes", "grid:r2:no", "mood:good", "rank:1:z", "rank:2:x", "say:Plus%0Ad%27ombre", "topics:food", "topics:sport"]),
                (Fixtures.opinion, [("opinion.s2", "pass")], ["s2:pass"]),
                (Fixtures.proposal, [("title", "Shade trees"), ("text", "Plant them"), ("author", "")], ["text:Plant%20them", "title:Shade%20trees"]),
            ]
            for (form, fields, items) in posts {
                let response = try await client.postForm(form.id, fields)
                XCTAssertEqual(response.status, .created, "\(form.id): \(response.text)")
                let text = db.scalar("SELECT ballot FROM submissions WHERE form_id = '\(form.id)'") ?? ""
                XCTAssertEqual(try? CanonicalBallot.parse(text).items.map(\.encoded), items, form.id)
            }
            XCTAssertEqual(db.scalar("SELECT identity FROM submissions WHERE form_id = 'parliament/e-petition-42'"),
                           #"{"email":"ada@example.org","name":"Ada"}"#)
        }
    }

    func testRefusedFormPostsAnswerAnEscapedPageWithALinkBackAndStoreNothing() async throws {
        try await withCollector { client, db in
            let hostileReturn = "javascript:alert(1)"
            let badCode = try await client.postForm(Fixtures.budget.id, [("choice", "park-benches"), ("code", "UUUU"), ("return", hostileReturn)])
            XCTAssertEqual(badCode.status.code, 422)
            XCTAssertTrue(badCode.text.contains("Check it against your letter"), badCode.text)
            XCTAssertTrue(badCode.text.contains("<code>code</code>"))
            XCTAssertFalse(badCode.text.contains("javascript:"))
            XCTAssertTrue(badCode.text.contains("href=\"https://consult.example.org/\""))
            let mistyped = try await client.postForm(Fixtures.budget.id, [("choice", "park-benches"), ("code", "ABCDE-FGHJK-MNPQR-STVWX-ZY016"), ("lang", "fr")])
            XCTAssertEqual(mistyped.status.code, 422)
            XCTAssertTrue(mistyped.text.contains(Fixtures.messages.message(.codeMistyped, language: "fr")), mistyped.text)
            XCTAssertTrue(mistyped.text.contains("<code>code</code>"))
            XCTAssertFalse(mistyped.text.contains("ZY016"), "the code is never echoed")
            let short = try await client.postForm(Fixtures.budget.id, [("choice", "park-benches"), ("code", "ABCD-EFGH-JKMN-PQRS-TVWX")])
            XCTAssertTrue(short.text.contains(Fixtures.messages.message(.invalidCode, language: "en")), short.text)
            let missingCode = try await client.postForm(Fixtures.budget.id, [("choice", "park-benches")])
            XCTAssertTrue(missingCode.text.contains("<code>code</code>"))
            let script = try await client.postForm(Fixtures.budget.id, [("choice", "<script>x</script>"), ("code", Fixtures.code)])
            XCTAssertEqual(script.status.code, 422)
            XCTAssertFalse(script.text.contains("<script>"))
            let unknownField = try await client.postForm(Fixtures.budget.id, [("<img src=x>", "1"), ("code", Fixtures.code)])
            XCTAssertEqual(unknownField.status, .badRequest)
            XCTAssertFalse(unknownField.text.contains("<img"))
            let german = try await client.postForm(Fixtures.petition.id, [("identity.name", "Ada"), ("lang", "de")])
            XCTAssertTrue(german.text.contains("lang=\"de\""))
            XCTAssertTrue(german.text.contains("Bitte füllen Sie"), german.text)
            let closed = try await client.postForm(Fixtures.closed.id, [("choice", "a")])
            XCTAssertEqual(closed.status, .forbidden)
            let unknown = try await client.postForm("no/such/form", [("choice", "a")])
            XCTAssertEqual(unknown.status, .notFound)
            let badEncoding = try await client.execute(uri: "/v1/forms/" + Fixtures.points.id, method: .post,
                                                       headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "points.a=%ZZ"))
            XCTAssertEqual(badEncoding.status, .badRequest)
            let badUTF8 = try await client.execute(uri: "/v1/forms/" + Fixtures.points.id, method: .post,
                                                   headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "points.a=%FF"))
            XCTAssertTrue(badUTF8.text.contains("<code>") == false && badUTF8.status == .badRequest)
            let json = try await client.execute(uri: "/v1/forms/" + Fixtures.points.id, method: .post, headers: [.contentType: "application/json"],
                                                body: ByteBuffer(string: "{}"))
            XCTAssertEqual(json.status, .unsupportedMediaType)
            XCTAssertEqual(db.submissionCount, 0)
        }
    }

    func testAReceiptPageTurnsTheAnswerIntoA303() async throws {
        let configuration = Fixtures.configuration { $0.receiptPage = "https://consult.example.org/receipt/" }
        try await withCollector(configuration: configuration) { client, db in
            let response = try await client.postForm(Fixtures.opinion.id, [("opinion.s1", "disagree")])
            XCTAssertEqual(response.status, .seeOther)
            let receipt = db.scalar("SELECT receipt FROM submissions") ?? "?"
            XCTAssertEqual(response.headers[.location], "https://consult.example.org/receipt/?receipt=\(receipt)&form=school/opinion")
        }
    }
}
