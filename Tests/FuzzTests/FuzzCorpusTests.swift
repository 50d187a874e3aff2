import FuzzTargets
import Foundation
import XCTest

/// Every seed and every input fuzzing ever found a fault with (`Fuzz/corpus/TARGET/`, `Fuzz/regressions/TARGET/`)
/// runs through its target in every test run: a fixed crash stays fixed.
final class FuzzCorpusTests: XCTestCase {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    func testEverySeedAndRegressionRunsThroughItsTarget() throws {
        var seen = 0
        for target in FuzzTarget.allCases {
            var inputs = 0
            for kind in ["corpus", "regressions"] {
                let directory = Self.folder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
                for file in (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [] {
                    Array(try Data(contentsOf: file)).withUnsafeBufferPointer { target.run($0) }
                    inputs += 1
                }
            }
            XCTAssertGreaterThan(inputs, 0, "Fuzz/corpus/\(target.rawValue) has no seed")
            seen += inputs
        }
        XCTAssertGreaterThan(seen, FuzzTarget.allCases.count)
    }
}
