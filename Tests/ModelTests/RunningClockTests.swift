import Foundation
import Model
import XCTest

final class RunningClockTests: XCTestCase {
    final class FakeTime: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_900_000_000)
    }

    func testTheClockStartsAtTheChosenTimeAndRunsAtTheRealPace() {
        let real = FakeTime()
        let clock = RunningClock(startingAt: UTCSecond.parse("2026-11-26T12:00:00Z")!, real: { real.now })
        XCTAssertEqual(UTCSecond.format(clock.now()), "2026-11-26T12:00:00Z")
        real.now.addTimeInterval(90)
        XCTAssertEqual(UTCSecond.format(clock.now()), "2026-11-26T12:01:30Z")
    }
}
