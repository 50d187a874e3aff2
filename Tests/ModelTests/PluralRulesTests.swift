import XCTest
@testable import Model

final class PluralRulesTests: XCTestCase {
    /// The cardinal samples of CLDR 48's plurals.xml, one entry per `<pluralRules locales="…">` group, in CLDR's own
    /// syntax: "~" is a range, "…" ends a list that goes on, and "c" is a compact exponent (1.1c6 is 1.1 million).
    /// fr and pt are separate groups in CLDR only because pt writes `i = 0,1` as `i = 0..1`; their samples match.
    private static let cldrSamples: [(locales: String, samples: [PluralCategory: String])] = [
        ("id in ja km ko lo ms my th vi yue zh", [
            .other: "@integer 0~15, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("am as bn fa gu hi kn zu", [
            .one: "@integer 0, 1 @decimal 0.0~1.0, 0.00~0.04",
            .other: "@integer 2~17, 100, 1000, 10000, 100000, 1000000, … @decimal 1.1~2.6, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("fr pt", [
            .one: "@integer 0, 1 @decimal 0.0~1.5",
            .many: "@integer 1000000, 1c6, 2c6, 3c6, 4c6, 5c6, 6c6, … @decimal 1.0000001c6, 1.1c6, 2.0000001c6, 2.1c6, 3.0000001c6, 3.1c6, …",
            .other: "@integer 2~17, 100, 1000, 10000, 100000, 1c3, 2c3, 3c3, 4c3, 5c3, 6c3, … @decimal 2.0~3.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, 1.0001c3, 1.1c3, 2.0001c3, 2.1c3, 3.0001c3, 3.1c3, …",
        ]),
        ("de en et fi fy nl sv sw ur", [
            .one: "@integer 1",
            .other: "@integer 0, 2~16, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("ca it pt-PT", [
            .one: "@integer 1",
            .many: "@integer 1000000, 1c6, 2c6, 3c6, 4c6, 5c6, 6c6, … @decimal 1.0000001c6, 1.1c6, 2.0000001c6, 2.1c6, 3.0000001c6, 3.1c6, …",
            .other: "@integer 0, 2~16, 100, 1000, 10000, 100000, 1c3, 2c3, 3c3, 4c3, 5c3, 6c3, … @decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, 1.0001c3, 1.1c3, 2.0001c3, 2.1c3, 3.0001c3, 3.1c3, …",
        ]),
        ("es", [
            .one: "@integer 1 @decimal 1.0, 1.00, 1.000, 1.0000",
            .many: "@integer 1000000, 1c6, 2c6, 3c6, 4c6, 5c6, 6c6, … @decimal 1.0000001c6, 1.1c6, 2.0000001c6, 2.1c6, 3.0000001c6, 3.1c6, …",
            .other: "@integer 0, 2~16, 100, 1000, 10000, 100000, 1c3, 2c3, 3c3, 4c3, 5c3, 6c3, … @decimal 0.0~0.9, 1.1~1.6, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, 1.0001c3, 1.1c3, 2.0001c3, 2.1c3, 3.0001c3, 3.1c3, …",
        ]),
        ("af az bg el eu hu ka kk ky ml mn mr nb ne nn no so sq ta te tr uz", [
            .one: "@integer 1 @decimal 1.0, 1.00, 1.000, 1.0000",
            .other: "@integer 0, 2~16, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0~0.9, 1.1~1.6, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("ak bho guw ln mg nso pa ti wa", [
            .one: "@integer 0, 1 @decimal 0.0, 1.0, 0.00, 1.00, 0.000, 1.000, 0.0000, 1.0000",
            .other: "@integer 2~17, 100, 1000, 10000, 100000, 1000000, … @decimal 0.1~0.9, 1.1~1.7, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("da", [
            .one: "@integer 1 @decimal 0.1~1.6",
            .other: "@integer 0, 2~16, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0, 2.0~3.4, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("ceb fil tl", [
            .one: "@integer 0~3, 5, 7, 8, 10~13, 15, 17, 18, 20, 21, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0~0.3, 0.5, 0.7, 0.8, 1.0~1.3, 1.5, 1.7, 1.8, 2.0, 2.1, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
            .other: "@integer 4, 6, 9, 14, 16, 19, 24, 26, 104, 1004, … @decimal 0.4, 0.6, 0.9, 1.4, 1.6, 1.9, 2.4, 2.6, 10.4, 100.4, 1000.4, …",
        ]),
        ("lv", [
            .zero: "@integer 0, 10~20, 30, 40, 50, 60, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
            .one: "@integer 1, 21, 31, 41, 51, 61, 71, 81, 101, 1001, … @decimal 0.1, 1.0, 1.1, 2.1, 3.1, 4.1, 5.1, 6.1, 7.1, 10.1, 100.1, 1000.1, …",
            .other: "@integer 2~9, 22~29, 102, 1002, … @decimal 0.2~0.9, 1.2~1.9, 10.2, 100.2, 1000.2, …",
        ]),
        ("mo ro", [
            .one: "@integer 1",
            .few: "@integer 0, 2~16, 101, 1001, … @decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
            .other: "@integer 20~35, 100, 1000, 10000, 100000, 1000000, …",
        ]),
        ("bs hr sh sr", [
            .one: "@integer 1, 21, 31, 41, 51, 61, 71, 81, 101, 1001, … @decimal 0.1, 1.1, 2.1, 3.1, 4.1, 5.1, 6.1, 7.1, 10.1, 100.1, 1000.1, …",
            .few: "@integer 2~4, 22~24, 32~34, 42~44, 52~54, 62, 102, 1002, … @decimal 0.2~0.4, 1.2~1.4, 2.2~2.4, 3.2~3.4, 4.2~4.4, 5.2, 10.2, 100.2, 1000.2, …",
            .other: "@integer 0, 5~19, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0, 0.5~1.0, 1.5~2.0, 2.5~2.7, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("sl", [
            .one: "@integer 1, 101, 201, 301, 401, 501, 601, 701, 1001, …",
            .two: "@integer 2, 102, 202, 302, 402, 502, 602, 702, 1002, …",
            .few: "@integer 3, 4, 103, 104, 203, 204, 303, 304, 403, 404, 503, 504, 603, 604, 703, 704, 1003, … @decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
            .other: "@integer 0, 5~19, 100, 1000, 10000, 100000, 1000000, …",
        ]),
        ("he iw", [
            .one: "@integer 1 @decimal 0.0~0.9, 0.00~0.05",
            .two: "@integer 2",
            .other: "@integer 0, 3~17, 100, 1000, 10000, 100000, 1000000, … @decimal 1.0~2.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("cs sk", [
            .one: "@integer 1",
            .few: "@integer 2~4",
            .many: "@decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
            .other: "@integer 0, 5~19, 100, 1000, 10000, 100000, 1000000, …",
        ]),
        ("pl", [
            .one: "@integer 1",
            .few: "@integer 2~4, 22~24, 32~34, 42~44, 52~54, 62, 102, 1002, …",
            .many: "@integer 0, 5~19, 100, 1000, 10000, 100000, 1000000, …",
            .other: "@decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("lt", [
            .one: "@integer 1, 21, 31, 41, 51, 61, 71, 81, 101, 1001, … @decimal 1.0, 21.0, 31.0, 41.0, 51.0, 61.0, 71.0, 81.0, 101.0, 1001.0, …",
            .few: "@integer 2~9, 22~29, 102, 1002, … @decimal 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 22.0, 102.0, 1002.0, …",
            .many: "@decimal 0.1~0.9, 1.1~1.7, 10.1, 100.1, 1000.1, …",
            .other: "@integer 0, 10~20, 30, 40, 50, 60, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("ru uk", [
            .one: "@integer 1, 21, 31, 41, 51, 61, 71, 81, 101, 1001, …",
            .few: "@integer 2~4, 22~24, 32~34, 42~44, 52~54, 62, 102, 1002, …",
            .many: "@integer 0, 5~19, 100, 1000, 10000, 100000, 1000000, …",
            .other: "@decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
        ("ar", [
            .zero: "@integer 0 @decimal 0.0, 0.00, 0.000, 0.0000",
            .one: "@integer 1 @decimal 1.0, 1.00, 1.000, 1.0000",
            .two: "@integer 2 @decimal 2.0, 2.00, 2.000, 2.0000",
            .few: "@integer 3~10, 103~110, 1003, … @decimal 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 103.0, 1003.0, …",
            .many: "@integer 11~26, 111, 1011, … @decimal 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 111.0, 1011.0, …",
            .other: "@integer 100~102, 200~202, 300~302, 400~402, 500~502, 600, 1000, 10000, 100000, 1000000, … @decimal 0.1~0.9, 1.1~1.7, 10.1, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …",
        ]),
    ]

    func testEverySampleOfCLDRHasItsCategory() throws {
        for group in Self.cldrSamples {
            for tag in group.locales.split(separator: " ") {
                let rules = try XCTUnwrap(PluralRules(languageTag: String(tag)), "no rules for \(tag)")
                for (category, list) in group.samples {
                    for sample in expandSamples(list) {
                        XCTAssertEqual(rules.category(for: PluralOperands(sample)), category, "\(tag) \(sample)")
                        if let count = Int(sample) {
                            XCTAssertEqual(rules.category(for: count), category, "\(tag) \(count) as Int")
                        }
                    }
                }
            }
        }
    }

    /// Ends of rule ranges that CLDR's samples stop short of.
    func testRangeEndsBeyondTheSamples() {
        func category(_ tag: String, _ count: Int) -> PluralCategory? {
            PluralRules(languageTag: tag)?.category(for: count)
        }
        XCTAssertEqual(category("ar", 99), .many)
        XCTAssertEqual(category("ar", 199), .many)
        XCTAssertEqual(category("ar", 210), .few)
        XCTAssertEqual(category("ru", 111), .many)
        XCTAssertEqual(category("ru", 114), .many)
        XCTAssertEqual(category("pl", 112), .many)
        XCTAssertEqual(category("lt", 119), .other)
        XCTAssertEqual(category("ro", 119), .few)
        XCTAssertEqual(category("ro", 120), .other)
        XCTAssertEqual(category("fr", 2_000_000), .many)
        XCTAssertEqual(category("fr", 1_000_001), .other)
        XCTAssertEqual(category("fil", 104), .other)
        XCTAssertEqual(category("fil", 1_000_003), .one)
        XCTAssertEqual(category("pa", 2), .other)
    }

    func testCategoriesAreTheOnesCLDRGivesSamplesFor() throws {
        for group in Self.cldrSamples {
            for tag in group.locales.split(separator: " ") {
                let rules = try XCTUnwrap(PluralRules(languageTag: String(tag)))
                XCTAssertEqual(rules.categories, PluralCategory.allCases.filter { group.samples[$0] != nil }, "\(tag)")
            }
        }
        XCTAssertEqual(PluralRules(languageTag: "en")?.categories, [.one, .other])
        XCTAssertEqual(PluralRules(languageTag: "ja")?.categories, [.other])
        XCTAssertEqual(PluralRules(languageTag: "fr")?.categories, [.one, .many, .other])
        XCTAssertEqual(PluralRules(languageTag: "ar")?.categories, [.zero, .one, .two, .few, .many, .other])
    }

    func testSupportedLanguagesAreTheSampledOnes() {
        let sampled = Self.cldrSamples.flatMap { $0.locales.split(separator: " ").map(String.init) }
        XCTAssertEqual(PluralRules.supportedLanguages, sampled.sorted())
        for tag in ["en", "fr", "es", "de", "it", "pt", "pt-PT", "nl", "pl", "ru", "uk", "cs", "ar", "he", "fa", "ur",
                    "zh", "ja", "ko", "vi", "tr", "fil", "hi", "gu", "bn", "pa", "am", "so", "sw", "el", "ro", "hu", "th"] {
            XCTAssertTrue(PluralRules.supportedLanguages.contains(tag), tag)
        }
    }

    func testRegionFallsBackToLanguageExceptForEuropeanPortuguese() {
        func category(_ tag: String, _ count: Int) -> PluralCategory? {
            PluralRules(languageTag: tag)?.category(for: count)
        }
        XCTAssertEqual(category("fr-CA", 0), .one)
        XCTAssertEqual(category("fr-CA", 1_000_000), .many)
        XCTAssertEqual(category("en-US", 1), .one)
        XCTAssertEqual(category("EN-gb", 2), .other)
        XCTAssertEqual(category("zh-Hant-TW", 1), .other)
        XCTAssertEqual(category("sr-Latn-RS", 21), .one)
        XCTAssertEqual(category("de-CH-u-co-phonebk", 1), .one)

        // Brazilian Portuguese counts 0 as singular, European Portuguese does not.
        XCTAssertEqual(category("pt", 0), .one)
        XCTAssertEqual(category("pt-BR", 0), .one)
        XCTAssertEqual(category("pt-PT", 0), .other)
        XCTAssertEqual(category("pt_PT", 0), .other)
        XCTAssertEqual(category("pt-Latn-PT", 0), .other)
        XCTAssertEqual(category("PT-pt", 0), .other)
        XCTAssertEqual(category("pt-AO", 0), .one)
        XCTAssertEqual(category("pt-x-pt", 0), .one)
    }

    func testUnknownTagsHaveNoRules() {
        for tag in ["", "-", "xx", "tlh", "und", "root", "x-pt"] {
            XCTAssertNil(PluralRules(languageTag: tag), tag)
        }
    }

    /// The examples of UTS #35's "Plural Operand Meanings" table.
    func testOperandsFollowHowTheNumberIsWritten() {
        assertOperands("1", n: 1, i: 1, v: 0, w: 0, f: 0, t: 0, c: 0)
        assertOperands("1.0", n: 1, i: 1, v: 1, w: 0, f: 0, t: 0, c: 0)
        assertOperands("1.00", n: 1, i: 1, v: 2, w: 0, f: 0, t: 0, c: 0)
        assertOperands("1.3", n: 1.3, i: 1, v: 1, w: 1, f: 3, t: 3, c: 0)
        assertOperands("1.30", n: 1.3, i: 1, v: 2, w: 1, f: 30, t: 3, c: 0)
        assertOperands("1.03", n: 1.03, i: 1, v: 2, w: 2, f: 3, t: 3, c: 0)
        assertOperands("1.230", n: 1.23, i: 1, v: 3, w: 2, f: 230, t: 23, c: 0)
        assertOperands("1200000", n: 1_200_000, i: 1_200_000, v: 0, w: 0, f: 0, t: 0, c: 0)
        assertOperands("1.2c6", n: 1_200_000, i: 1_200_000, v: 0, w: 0, f: 0, t: 0, c: 6)
        assertOperands("123c6", n: 123_000_000, i: 123_000_000, v: 0, w: 0, f: 0, t: 0, c: 6)
        assertOperands("123c5", n: 12_300_000, i: 12_300_000, v: 0, w: 0, f: 0, t: 0, c: 5)
        assertOperands("1200.50", n: 1200.5, i: 1200, v: 2, w: 1, f: 50, t: 5, c: 0)
        assertOperands("1.20050c3", n: 1200.5, i: 1200, v: 2, w: 1, f: 50, t: 5, c: 3)
        assertOperands("-3", n: 3, i: 3, v: 0, w: 0, f: 0, t: 0, c: 0)
        assertOperands(".5", n: 0.5, i: 0, v: 1, w: 1, f: 5, t: 5, c: 0)
        XCTAssertEqual(PluralOperands("1.5e3").e, 3)
    }

    func testIntAndDoubleOperands() {
        XCTAssertEqual(PluralOperands(-21), PluralOperands("21"))
        XCTAssertEqual(PluralOperands(Int.min).i % 1_000_000, 775_808)
        XCTAssertEqual(PluralOperands(2.0), PluralOperands("2"))
        XCTAssertEqual(PluralOperands(-1.5), PluralOperands("1.5"))
        XCTAssertEqual(PluralOperands(1e6), PluralOperands("1000000"))
        XCTAssertEqual(PluralOperands(1e-5), PluralOperands("0.00001"))
        XCTAssertEqual(PluralOperands(0.1 + 0.2), PluralOperands("0.30000000000000004"))
        XCTAssertEqual(PluralOperands(1.5e20), PluralOperands("150000000000000000000"))
    }

    func testDoubleCategoriesReadWholeNumbersWithoutFraction() {
        XCTAssertEqual(PluralRules(languageTag: "en")?.category(for: 1.0), .one)
        XCTAssertEqual(PluralRules(languageTag: "en")?.category(for: 1.5), .other)
        XCTAssertEqual(PluralRules(languageTag: "fr")?.category(for: 1.5), .one)
        XCTAssertEqual(PluralRules(languageTag: "fr")?.category(for: 2e6), .many)
        XCTAssertEqual(PluralRules(languageTag: "ru")?.category(for: 21.0), .one)
        XCTAssertEqual(PluralRules(languageTag: "ru")?.category(for: 2.5), .other)
    }

    func testNumbersTooLongForIntKeepTheirCategory() {
        let ru = PluralRules(languageTag: "ru")
        XCTAssertEqual(ru?.category(for: PluralOperands("100000000000000000001")), .one)
        XCTAssertEqual(ru?.category(for: PluralOperands("100000000000000000011")), .many)
        XCTAssertEqual(PluralRules(languageTag: "en")?.category(for: PluralOperands("100000000000000000001")), .other)
        XCTAssertEqual(PluralRules(languageTag: "fr")?.category(for: PluralOperands("5000000000000000000000000")), .many)
        XCTAssertEqual(PluralRules(languageTag: "lv")?.category(for: PluralOperands("0.000000000000000000001")), .one)
        XCTAssertEqual(PluralOperands("123456789012345678901").i % 1_000_000, 678_901)
    }

    private func assertOperands(
        _ text: String, n: Double, i: Int, v: Int, w: Int, f: Int, t: Int, c: Int, line: UInt = #line
    ) {
        let operands = PluralOperands(text)
        XCTAssertEqual(operands.n, n, accuracy: 1e-9, "n of \(text)", line: line)
        XCTAssertEqual([operands.i, operands.v, operands.w, operands.f, operands.t, operands.c], [i, v, w, f, t, c],
                       "i, v, w, f, t, c of \(text)", line: line)
        XCTAssertEqual(operands.e, c, "e of \(text)", line: line)
    }

    /// The numbers a CLDR sample list names, as written: "@integer 0, 2~4, … @decimal 0.0~0.2" gives
    /// 0, 2, 3, 4, 0.0, 0.1, 0.2. A range steps by one unit of its last digit; "…" only says the list goes on.
    private func expandSamples(_ list: String) -> [String] {
        list.split(separator: " ").flatMap { token -> [String] in
            let item = token.hasSuffix(",") ? token.dropLast() : token
            if item.hasPrefix("@") || item == "…" {
                return []
            }
            let bounds = item.split(separator: "~")
            guard bounds.count == 2 else {
                return [String(item)]
            }
            let decimals = bounds[0].split(separator: ".").dropFirst().first?.count ?? 0
            let scale = repeatElement(10, count: decimals).reduce(1, *)
            let low = Int(String(bounds[0].filter { $0 != "." }))!
            let high = Int(String(bounds[1].filter { $0 != "." }))!
            return (low...high).map { value in
                guard decimals > 0 else {
                    return String(value)
                }
                let fraction = String(value % scale)
                return "\(value / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
            }
        }
    }
}
