import Model
import XCTest

final class RollTests: XCTestCase {
    let keys = ["kL5JJ7-MN9oMp2fYmeggUBXi7QmGe_mpUzCB334vpWU", "-ByP8tOjw9tS3TWTGYuUUp3cRbYl2Uc4bCfq9sBpzUo", "4MXMjoGxhTu4yzobvEQlxyLhkW1qMZw7jNFGBk2IUEE"]

    func testTheFileIsTheHeaderThenTheKeysSortedByTheirBytes() throws {
        let roll = try Roll(id: "city-2026", publicKeys: keys + [keys[0]])
        XCTAssertEqual(roll.text, "roll/v1 city-2026\n-ByP8tOjw9tS3TWTGYuUUp3cRbYl2Uc4bCfq9sBpzUo\n4MXMjoGxhTu4yzobvEQlxyLhkW1qMZw7jNFGBk2IUEE\nkL5JJ7-MN9oMp2fYmeggUBXi7QmGe_mpUzCB334vpWU")
        XCTAssertEqual(try Roll.parse(roll.text), roll)
        XCTAssertEqual(try Roll.parse("roll/v1 empty").publicKeys, [])
    }

    func testParsingNamesTheLineAtFault() throws {
        let good = try Roll(id: "r", publicKeys: keys).text
        let lines = good.split(separator: "\n").map(String.init)
        let cases: [(String, RollError)] = [
            (good + "\n", .invalidKey(line: 5)),
            ("roll/v2 r\n" + lines[1], .header),
            ("roll/v1 a b", .invalidID("a b")),
            ([lines[0], lines[2], lines[1]].joined(separator: "\n"), .unsorted(line: 3)),
            ([lines[0], lines[1], lines[1]].joined(separator: "\n"), .duplicateKey(line: 3)),
            ([lines[0], "short"].joined(separator: "\n"), .invalidKey(line: 2)),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try Roll.parse(text), text) { error in
                XCTAssertEqual(error as? RollError, expected, text)
                XCTAssertFalse("\(error)".isEmpty)
            }
        }
    }
}
