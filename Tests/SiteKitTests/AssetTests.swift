import XCTest
@testable import SiteKit

final class AssetTests: XCTestCase {
    func testHashedNamesChangeWithTheContent() {
        let one = AssetPipeline.hashedName("css/site.css", data: Data("a{}".utf8))
        let two = AssetPipeline.hashedName("css/site.css", data: Data("b{}".utf8))
        XCTAssertTrue(one.hasPrefix("css/site.") && one.hasSuffix(".css"))
        XCTAssertNotEqual(one, two)
        XCTAssertEqual(one, AssetPipeline.hashedName("css/site.css", data: Data("a{}".utf8)))
    }

    func testCSSReferencesFollowTheHashedNamesOfOtherAssets() {
        let css = "body{background:url(\"../img/bg.png\")} .x{mask:url(../img/icon.svg#part)} .y{background:url(https://cdn.example/z.png)}"
        let output = AssetPipeline.rewriteCSS(css, at: "css/site.css", outputPaths: [
            "img/bg.png": "assets/img/bg.abc123.png",
            "img/icon.svg": "assets/img/icon.def456.svg",
        ])
        XCTAssertEqual(output, "body{background:url(\"../img/bg.abc123.png\")} .x{mask:url(../img/icon.def456.svg#part)} .y{background:url(https://cdn.example/z.png)}")
    }
}
