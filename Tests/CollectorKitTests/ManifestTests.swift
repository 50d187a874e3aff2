import Foundation
import Model
import XCTest

final class ManifestTests: XCTestCase {
    func testTheManifestHashChangesWithAnyFormAndSurvivesARoundTrip() throws {
        let form = FormSpec(id: "city/ward-1/vote", kind: .budget, title: ["en": "Ward 1"], space: "city/ward-1", eligibility: .roll, roll: "city-2026",
                            options: [FormOption(id: "park", title: ["en": "Park"], cost: 250_000)],
                            constraints: FormConstraints(budget: 1_500_000, maxChoices: 5), currency: "USD")
        let manifest = try BallotManifest(site: "https://example.org/", defaultLanguage: "en", forms: [form]).sealed()
        XCTAssertEqual(manifest.hash.count, 64)
        XCTAssertEqual(manifest.forms[0].hash.count, 64)
        let data = try BallotManifest.encoder().encode(manifest)
        XCTAssertEqual(try BallotManifest.decoder().decode(BallotManifest.self, from: data), manifest)
        XCTAssertEqual(try manifest.sealed(), manifest)
        var changed = manifest
        changed.forms[0].options[0].cost = 250_001
        XCTAssertNotEqual(try changed.sealed().hash, manifest.hash)
        XCTAssertContains(String(decoding: data, as: UTF8.self), "\"max_choices\":5")
    }
}

func XCTAssertContains(_ text: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(text.contains(fragment), "expected \(fragment) in \(text.prefix(2000))", file: file, line: line)
}
