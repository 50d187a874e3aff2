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
}
