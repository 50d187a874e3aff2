import Foundation
import Model
import XCTest

final class CanonicalBallotTests: XCTestCase {
    let issued = Date(timeIntervalSince1970: 1_795_705_200)  // 2026-11-26T15:00:00Z
    let nonce: [UInt8] = Array(0..<16)

    func testTheWorkedExampleOfDocsBallotMd() throws {
        let ballot = CanonicalBallot(form: "city/ward-1/vote", items: [BallotItem("park-benches"), BallotItem("library-roof")],
                                     nonce: nonce, issued: issued.addingTimeInterval(0.7))
        XCTAssertEqual(ballot.text, "ballot/v1\nform=city%2Fward-1%2Fvote\nchoices=library-roof,park-benches\nnonce=AAECAwQFBgcICQoLDA0ODw\nissued=2026-11-26T15:00:00Z")
        XCTAssertEqual(try CanonicalBallot.parse(ballot.text), ballot)
    }

    func testItemsArePercentEncodedAndSortedByTheirBytes() throws {
        let items = [BallotItem("q2", "Été, à l'ombre: oui"), BallotItem("q1", "2", "bike~lanes"), BallotItem("Zed"), BallotItem("title", "a\nb")]
        let ballot = CanonicalBallot(form: "f", items: items, nonce: nonce, issued: issued)
        XCTAssertEqual(ballot.items.map(\.encoded), ["Zed", "q1:2:bike~lanes", "q2:%C3%89t%C3%A9%2C%20%C3%A0%20l%27ombre%3A%20oui", "title:a%0Ab"])
        let parsed = try CanonicalBallot.parse(ballot.text)
        XCTAssertEqual(parsed.items[2].parts, ["q2", "Été, à l'ombre: oui"])
        XCTAssertEqual(parsed.items[3].parts, ["title", "a\nb"])
    }

    func testParsingRefusesEveryNonCanonicalSpellingWithItsReason() {
        let good = CanonicalBallot(form: "f", items: [BallotItem("a"), BallotItem("b")], nonce: nonce, issued: issued).text
        let cases: [(String, CanonicalBallotError)] = [
            (good + "\n", .trailingNewline),
            (good.replacingOccurrences(of: "\n", with: "\r\n"), .header),
            (good.replacingOccurrences(of: "ballot/v1", with: "ballot/v2"), .header),
            (good.replacingOccurrences(of: "choices=a,b", with: "choices=b,a"), .unsorted("a")),
            (good.replacingOccurrences(of: "choices=a,b", with: "choices=a,a"), .duplicateItem("a")),
            (good.replacingOccurrences(of: "choices=a,b", with: "choices=a,,b"), .item("")),
            (good.replacingOccurrences(of: "choices=a,b", with: "choices=a%2c"), .item("a%2c")),
            (good.replacingOccurrences(of: "choices=a,b", with: "choices=%61"), .item("%61")),
            (good.replacingOccurrences(of: "choices=a,b", with: "choices=a b"), .item("a b")),
            (good.replacingOccurrences(of: "form=f", with: "form=a/b"), .form),
            (good.replacingOccurrences(of: "AAECAwQFBgcICQoLDA0ODw", with: "AAECAwQFBgcICQoLDA0ODw=="), .nonce),
            (good.replacingOccurrences(of: "AAECAwQFBgcICQoLDA0ODw", with: "AAECAwQFBgcICQoLDA0ODx"), .nonce),
            (good.replacingOccurrences(of: "15:00:00Z", with: "15:00:00.000Z"), .issued),
            (good.replacingOccurrences(of: "2026-11-26T15:00:00Z", with: "2026-02-30T15:00:00Z"), .issued),
            (good.replacingOccurrences(of: "\nnonce=", with: "\nNonce="), .missingKey("nonce", line: 4)),
            ("ballot/v1", .lineCount(1)),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try CanonicalBallot.parse(text), text) { error in
                XCTAssertEqual(error as? CanonicalBallotError, expected, text)
                XCTAssertFalse((error as? CanonicalBallotError)?.description.isEmpty ?? true)
            }
        }
    }

    func testAnEmptyChoicesLineIsABallotWithoutItems() throws {
        let ballot = CanonicalBallot(form: "petition", items: [], nonce: nonce, issued: issued)
        XCTAssertTrue(ballot.text.contains("\nchoices=\n"))
        XCTAssertEqual(try CanonicalBallot.parse(ballot.text).items, [])
    }

    func testUTCSecondsRoundTripAcrossCenturiesAndLeapDays() {
        for text in ["1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2026-11-26T15:00:00Z", "2100-03-01T00:00:00Z", "1969-12-31T23:59:59Z"] {
            let date = UTCSecond.parse(text)
            XCTAssertNotNil(date, text)
            XCTAssertEqual(date.map(UTCSecond.format), text)
        }
        XCTAssertNil(UTCSecond.parse("2100-02-29T00:00:00Z"))
        XCTAssertNil(UTCSecond.parse("2026-11-26T24:00:00Z"))
        XCTAssertNil(UTCSecond.parse("2026-11-26 15:00:00Z"))
    }

    func testMillisecondTimestampsAndHTTPDates() {
        let date = Date(timeIntervalSince1970: 1_795_705_200.25)
        XCTAssertEqual(UTCSecond.formatMilliseconds(date), "2026-11-26T15:00:00.250Z")
        XCTAssertEqual(UTCSecond.formatMilliseconds(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(UTCSecond.format(Date(timeIntervalSince1970: -1)), "1969-12-31T23:59:59Z")
        XCTAssertEqual(UTCSecond.format(Date(timeIntervalSince1970: 253_402_300_800)), "10000-01-01T00:00:00Z")
        XCTAssertEqual(UTCSecond.httpDate(date), "Thu, 26 Nov 2026 15:00:00 GMT")
        XCTAssertEqual(UTCSecond.httpDate(Date(timeIntervalSince1970: 0)), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(UTCSecond.httpDate(Date(timeIntervalSince1970: 951_782_400)), "Tue, 29 Feb 2000 00:00:00 GMT")
    }
}
