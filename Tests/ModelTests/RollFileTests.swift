import XCTest
@testable import Model

final class RollFileTests: XCTestCase {
    private let keys = (1...3).map { VotingKey(seed: [UInt8](repeating: $0, count: 32))!.publicKey }

    func testWritesSortedKeysAndReadsThemBack() throws {
        let roll = RollFile(rollID: "city-2026", publicKeys: keys + [keys[0]])
        XCTAssertEqual(roll.publicKeys, keys.sorted())
        XCTAssertTrue(roll.text.hasPrefix("roll/v1 city-2026\n"))
        XCTAssertFalse(roll.text.hasSuffix("\n"))
        XCTAssertEqual(try RollFile.parse(roll.text), roll)
    }

    func testEachDeviationIsRefusedWithItsLine() {
        let sorted = keys.sorted()
        let cases: [(String, Int)] = [
            ("roll/v2 x\n" + sorted[0], 1),
            ("roll/v1 \n" + sorted[0], 1),
            ("roll/v1 a b\n" + sorted[0], 1),
            ("roll/v1 x\n" + sorted[0] + "\n", 3),
            ("roll/v1 x\n" + sorted[1] + "\n" + sorted[0], 3),
            ("roll/v1 x\n" + sorted[0] + "\n" + sorted[0], 3),
            ("roll/v1 x\n" + String(sorted[0].dropLast()), 2),
        ]
        for (text, line) in cases {
            XCTAssertThrowsError(try RollFile.parse(text), text) { error in
                XCTAssertEqual((error as? RollFileError)?.line, line, "\(error)")
            }
        }
    }

    /// Checked a stretch of lines per core: of two faults far apart, the earlier one's line is the one reported.
    func testOfTwoFaultsInALargeRollTheFirstIsReported() throws {
        let keys = (0..<2_000).map { key in VotingKey(seed: [UInt8(key & 0xFF), UInt8(key >> 8)] + [UInt8](repeating: 7, count: 30))!.publicKey }
        var lines = RollFile(rollID: "city-2026", publicKeys: keys).text.split(separator: "\n").map(String.init)
        XCTAssertEqual(try RollFile.parse(lines.joined(separator: "\n")).count, 2_000)
        lines[1_700] = String(lines[1_700].dropLast())
        lines[300] = lines[299]
        XCTAssertThrowsError(try RollFile.parse(lines.joined(separator: "\n"))) { error in
            XCTAssertEqual(error as? RollFileError, RollFileError(line: 301, "this key is listed twice"))
        }
        lines[300] = lines[301]
        XCTAssertThrowsError(try RollFile.parse(lines.joined(separator: "\n"))) { error in
            XCTAssertEqual(error as? RollFileError, RollFileError(line: 302, "this key is listed twice"))
        }
        lines[300] = lines[299] + "x"
        XCTAssertThrowsError(try RollFile.parse(lines.joined(separator: "\n"))) { error in
            XCTAssertEqual((error as? RollFileError)?.line, 301)
        }
    }
}
