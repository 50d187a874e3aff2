@testable import CollectorKit
import Foundation
import XCTest

final class FlatJSONTests: XCTestCase {
    func parse(_ text: String) throws -> [(key: String, value: FlatJSON.Value)] { try FlatJSON.parse(Array(text.utf8)) }

    func testStringsAndOneLevelOfObjectsWithEveryEscape() throws {
        let members = try parse(#" { "a" : "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00" , "identity": {"name": "Ada"} } "#)
        XCTAssertEqual(members.map(\.key), ["a", "identity"])
        XCTAssertEqual(members[0].value, .string("x\"\\/\u{8}\u{c}\n\r\té😀"))
        XCTAssertEqual(members[1].value, .object(["name": "Ada"]))
        XCTAssertEqual(try parse("{}").count, 0)
    }

    func testEverythingElseIsRefused() {
        let syntax = [#"{"a":"x"} x"#, #"{"a":"x",}"#, #"{"a":"x","a":"y"}"#, #"{"a":"\ud83d"}"#, #"{"a":"\q"}"#, "{\"a\":\"\u{1}\"}", #"[]"#,
                      #"{"a":"x""#, #"{a:"x"}"#, ""]
        for text in syntax {
            XCTAssertThrowsError(try parse(text), text) { XCTAssertEqual($0 as? FlatJSON.Failure, .syntax, text) }
        }
        for (text, key) in [(#"{"a":1e999}"#, "a"), (#"{"a":null}"#, "a"), (#"{"a":["x"]}"#, "a"), (#"{"i":{"n":{"x":"y"}}}"#, "i"), (#"{"i":{"n":2}}"#, "i")] {
            XCTAssertThrowsError(try parse(text), text) { XCTAssertEqual($0 as? FlatJSON.Failure, .type(key), text) }
        }
    }

    func testQuotedStringsReadBackAndKeepMarkupInert() throws {
        let text = "<script>\"é\"\n\u{1}&\u{2028}</script>"
        let quoted = FlatJSON.quote(text)
        XCTAssertFalse(quoted.contains("<"))
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: [.fragmentsAllowed]) as? String, text)
    }
}
