import XCTest
@testable import Model

final class ParallelSortTests: XCTestCase {
    private struct Entry: Equatable, Sendable {
        var group: UInt64
        var order: UInt64
    }

    /// Enough entries to be cut into a run per core, sorted apart and merged: the result is one sort's, ties of the
    /// group settled by the order as `Supersession` settles them by receipt.
    func testRunsSortedOnEveryCoreMergeIntoWhatOneSortGives() {
        var generator = SeededGenerator(seed: 7)
        let entries = (0..<300_000).map { _ in Entry(group: .random(in: 0..<1_000, using: &generator), order: generator.next()) }
        let order = { (a: Entry, b: Entry) in a.group != b.group ? a.group < b.group : a.order < b.order }
        XCTAssertEqual(entries.sortedOnEveryCore(by: order), entries.sorted(by: order))
        XCTAssertEqual(Array(entries.prefix(1_000)).sortedOnEveryCore(by: order), entries.prefix(1_000).sorted(by: order))
    }

    /// A roll's keys decoded on every core come back in the file's order, each one the key its line spells.
    func testARollsKeysAreDecodedInTheFilesOrder() throws {
        let publicKeys = (0..<5_000).map { key in VotingKey(seed: [UInt8(key & 0xFF), UInt8(key >> 8)] + [UInt8](repeating: 7, count: 30))!.publicKey }
        let roll = RollFile(rollID: "city-2026", publicKeys: publicKeys)
        XCTAssertEqual(roll.keys, roll.publicKeys.map { Bytes32(Base64URL.decode($0)!)! })
        XCTAssertEqual(roll.keys.count, 5_000)
    }
}
