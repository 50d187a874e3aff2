import XCTest
@testable import CollectorKit

/// The count's in-place reordering puts every element where a sorted copy would.
final class ArrangeTests: XCTestCase {
    func testArrangeMatchesACopyForRandomPermutations() {
        for size in [0, 1, 2, 3, 10, 257] {
            for _ in 0..<50 {
                var items = (0..<size).map { "item \($0)" }.shuffled()
                let order = items.indices.shuffled()
                let expected = order.map { items[$0] }
                items.arrange(taking: order)
                XCTAssertEqual(items, expected)
            }
        }
    }
}
