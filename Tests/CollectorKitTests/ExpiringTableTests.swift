import Foundation
import XCTest
@testable import CollectorKit

/// The issuer's pending logins and grants: each taken once, gone after its lifetime, and no more than the cap held.
final class ExpiringTableTests: XCTestCase {
    func testAValueIsTakenOnceAndNotAfterItsLifetime() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let table = ExpiringTable<String>(lifetime: 600, capacity: 2)
        XCTAssertTrue(table.insert("a", key: "k1", now: start))
        XCTAssertEqual(table.take("k1", now: start.addingTimeInterval(599)), "a")
        XCTAssertNil(table.take("k1", now: start.addingTimeInterval(1)))
        XCTAssertTrue(table.insert("b", key: "k2", now: start))
        XCTAssertNil(table.take("k2", now: start.addingTimeInterval(600)))
        XCTAssertNil(table.take("unknown", now: start))
    }

    func testAFullTableRefusesUntilItsEntriesExpire() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let table = ExpiringTable<Int>(lifetime: 600, capacity: 2)
        XCTAssertTrue(table.insert(1, key: "a", now: start))
        XCTAssertTrue(table.insert(2, key: "b", now: start.addingTimeInterval(300)))
        XCTAssertFalse(table.insert(3, key: "c", now: start.addingTimeInterval(599)))
        XCTAssertTrue(table.insert(3, key: "c", now: start.addingTimeInterval(601)))
        XCTAssertEqual(table.take("b", now: start.addingTimeInterval(601)), 2)
        XCTAssertEqual(table.take("c", now: start.addingTimeInterval(602)), 3)
    }
}
