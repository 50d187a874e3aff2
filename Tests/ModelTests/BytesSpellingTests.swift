import XCTest
@testable import Model

/// The fast spellings the count reads a million times agree with the plain ones on every input, hostile or not.
final class BytesSpellingTests: XCTestCase {
    func testDecodedCountAgreesWithDecodeOnRandomAndBrokenText() {
        var generator = SeededGenerator(seed: 17)
        let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= \n".utf8)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...48, using: &generator)
            let text = (0..<length).map { _ in symbols.randomElement(using: &generator)! }
            XCTAssertEqual(Base64URL.decodedCount(text), Base64URL.decode(text)?.count, String(decoding: text, as: UTF8.self))
        }
        // A key whose unused bits are set has a second spelling: refused by both.
        XCTAssertNil(Base64URL.decodedCount(Array(String(repeating: "A", count: 42).utf8) + [UInt8(ascii: "B")]))
        XCTAssertEqual(Base64URL.decodedCount(Array(String(repeating: "A", count: 43).utf8)), 32)
    }

    func testBytes32FromBytesAndFromHexAreTheSameAndOrderedAsTheirHex() {
        var generator = SeededGenerator(seed: 18)
        var values: [Bytes32] = []
        for _ in 0..<1_000 {
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let fromBytes = Bytes32(bytes)!
            XCTAssertEqual(Bytes32(hex: Hex.encode(bytes)), fromBytes)
            XCTAssertEqual(fromBytes.bytes, bytes)
            values.append(fromBytes)
        }
        XCTAssertEqual(values.sorted().map(\.hex), values.map(\.hex).sorted())
        XCTAssertNil(Bytes32([UInt8](repeating: 1, count: 31)))
        XCTAssertNil(Bytes32(hex: String(repeating: "A", count: 64)), "uppercase is not how a receipt is spelled")
        XCTAssertNil(Bytes32(hex: String(repeating: "0", count: 63) + "g"))
        XCTAssertNil(Bytes32(hex: String(repeating: "0", count: 62) + "é"))
    }
}
