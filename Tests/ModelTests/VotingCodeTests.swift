import Model
import XCTest

final class VotingCodeTests: XCTestCase {
    func testTypedCodesNormaliseToTheirDataAndCheckSymbol() throws {
        let code = try VotingCode(parsing: " abcde fghjk-mnpqr stvwx yzo16 ")
        XCTAssertEqual(code.data, "ABCDEFGHJKMNPQRSTVWXYZ01")
        XCTAssertEqual(code.checkSymbol, "6")
        XCTAssertEqual(code.grouped, "ABCDE-FGHJK-MNPQR-STVWX-YZ016")
        XCTAssertEqual(try VotingCode(parsing: "ABCDEFGHJKMNPQRSTVWXYZ0I6"), code, "I reads as 1")
        XCTAssertEqual(try VotingCode(parsing: "ABCDEFGHJKMNPQRSTVWXYZ0L6"), code, "L reads as 1")
    }

    func testEachBrokenRuleIsNamed() {
        let cases: [(String, VotingCodeError)] = [
            ("ABCDE-FGHJK-MNPQR-STVWX-YU016", .invalidCharacter("U", position: 26)),
            ("ABCDÉ-FGHJK-MNPQR-STVWX-YZ016", .invalidCharacter("É", position: 5)),
            ("ABCDE_FGHJK", .invalidCharacter("_", position: 6)),
            ("ABCDE-FGHJK-MNPQR-STVWX-YZ01", .wrongLength(24)),
            ("ABCDE-FGHJK-MNPQR-STVWX-YZ0166", .wrongLength(26)),
            ("", .wrongLength(0)),
            ("ABCDE-FGHJK-MNPQR-STVWX-YZ017", .checkMismatch),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try VotingCode(parsing: text), text) { error in
                XCTAssertEqual(error as? VotingCodeError, expected, text)
                XCTAssertFalse("\(error)".isEmpty)
            }
        }
        XCTAssertEqual(VotingCodeError.checkMismatch.code, "check_mismatch")
    }

    func testTheCheckCatchesEverySingleMistypeAndEveryNeighbourSwap() throws {
        var random = SystemRandomNumberGenerator()
        var undetected: [String] = []
        for _ in 0..<20 {
            let code = VotingCode.generate { count in (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }
            let symbols = Array(code.normalized)
            XCTAssertNoThrow(try VotingCode(parsing: code.grouped))
            for position in symbols.indices {
                for other in CrockfordBase32.alphabet where other != symbols[position] {
                    var typo = symbols
                    typo[position] = other
                    if (try? VotingCode(parsing: String(typo))) != nil { undetected.append(String(typo)) }
                }
                if position + 1 < symbols.count, symbols[position] != symbols[position + 1] {
                    var swapped = symbols
                    swapped.swapAt(position, position + 1)
                    if (try? VotingCode(parsing: String(swapped))) != nil { undetected.append(String(swapped)) }
                }
            }
        }
        XCTAssertEqual(undetected, [])
    }

    func testGeneratedCodesUseAll120RandomBits() {
        let allOnes = VotingCode.generate { Array(repeating: 0xFF, count: $0) }
        XCTAssertEqual(allOnes.data, String(repeating: "Z", count: 24))
        let pattern = VotingCode.generate { _ in [0x00, 0x44, 0x32, 0x14, 0xC7, 0x42, 0x54, 0xB6, 0x35, 0xCF, 0x84, 0x65, 0x3A, 0x56, 0xD7] }
        XCTAssertEqual(pattern.data, "0123456789ABCDEFGHJKMNPQ")
        XCTAssertNoThrow(try VotingCode(parsing: pattern.grouped))
    }
}
