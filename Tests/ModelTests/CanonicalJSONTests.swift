import Foundation
@testable import Model
import XCTest

/// RFC 8785's own examples and the pretty form `json.dumps(indent=2, sort_keys=True, ensure_ascii=False)` writes.
final class CanonicalJSONTests: XCTestCase {
    private func canonical(_ text: String) throws -> String {
        String(decoding: try CanonicalJSON.compact(json: Data(text.utf8)), as: UTF8.self)
    }

    func testNumbersAreWrittenAsECMAScriptWritesThem() {
        // RFC 8785 appendix B's sample values, and what a Swift Double's description would have written otherwise.
        let expected = [
            "0": "0", "-0.0": "0", "1.0": "1", "5e-324": "5e-324", "1.7976931348623157e308": "1.7976931348623157e+308",
            "9007199254740992": "9007199254740992", "295147905179352830000": "295147905179352830000",
            "1e21": "1e+21", "1e20": "100000000000000000000", "0.000001": "0.000001", "1e-7": "1e-7", "0.00001": "0.00001",
            "123.456": "123.456", "-1.5e-9": "-1.5e-9", "0.1": "0.1", "2.483": "2.483", "1e16": "10000000000000000",
            "333333333.3333332": "333333333.3333332", "4.35": "4.35",
        ]
        for (token, written) in expected {
            XCTAssertEqual(CanonicalJSON.number(token), written, token)
        }
    }

    func testCanonicalJSONReadsBackAsItself() throws {
        // Fuzzing found 1E20, written in digits, refused when read back: a large double is exact, however written.
        for text in ["[1E20, 1e21, 1e16, 9007199254740992, -1e20, 5e-324]", "[100000000000000000000]"] {
            let canonical = try CanonicalJSON.compact(json: Data(text.utf8))
            XCTAssertEqual(try CanonicalJSON.compact(json: canonical), canonical, text)
        }
        XCTAssertEqual(String(decoding: try CanonicalJSON.compact(json: Data("[1E20,1e21]".utf8)), as: UTF8.self), "[100000000000000000000,1e+21]")
    }

    func testTheRFCsExampleObject() throws {
        // RFC 8785 §3.2.2's example, its strings written with JSON escapes.
        let input = #"{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}"#
        XCTAssertEqual(try canonical(input),
                       #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#)
    }

    func testMembersAreSortedByUTF16CodeUnits() throws {
        // RFC 8785 §3.2.3: U+1F600 (a surrogate pair, D83D…) sorts before U+FB33 though its scalar is larger.
        let input = "{\"\u{20AC}\": 1, \"\u{FB33}\": 2, \"\u{1F600}\": 3, \"\\r\": 4, \"1\": 5, \"\u{0080}\": 6, \"\u{00F6}\": 7}"
        XCTAssertEqual(try canonical(input), "{\"\\r\":4,\"1\":5,\"\u{0080}\":6,\"\u{00F6}\":7,\"\u{20AC}\":1,\"\u{1F600}\":3,\"\u{FB33}\":2}")
    }

    func testThePrettyFormIsPythonsIndentedDump() throws {
        struct Sample: Encodable {
            var empty: [Int] = []
            var nothing: [String: Int] = [:]
            var name = "ward \"1\"\u{7F}\u{2028}"
            var share = 0.5
            var whole = 2.0
            var nested = ["b": [1, 2], "a": []]
            var when = Date(timeIntervalSince1970: 1_780_000_000)
        }
        let expected = """
        {
          "empty": [],
          "name": "ward \\"1\\"\u{7F}\u{2028}",
          "nested": {
            "a": [],
            "b": [
              1,
              2
            ]
          },
          "nothing": {},
          "share": 0.5,
          "when": "2026-05-28T20:26:40Z",
          "whole": 2
        }

        """
        XCTAssertEqual(String(decoding: try CanonicalJSON.pretty(Sample()), as: UTF8.self), expected)
    }

    func testTextThatIsNotJSONIsRefusedWithItsOffset() {
        for (text, reason) in [("{\"a\":1,\"a\":2}", "member `a` is repeated"), ("[01]", "`,` or `]` was expected"), ("\"\\ud800\"", "a lone surrogate"),
                               ("[1,]", "a value was expected"), ("{\"a\" 1}", "`:` was expected"), ("\"\u{01}\"", "control character"),
                               ("[1] x", "text after the value"), (String(repeating: "[", count: 600), "nested deeper"),
                               ("[9007199254740993]", "an integer beyond 2^53 - 1"), ("[1e400]", "beyond what a double holds")] {
            XCTAssertThrowsError(try canonical(text), text) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(text): \(error)")
            }
        }
    }
}
