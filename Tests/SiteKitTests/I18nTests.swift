import Model
import XCTest
@testable import SiteKit

final class I18nTests: XCTestCase {
    private let site = SiteConfig(title: ["en": "T"], baseURL: "/", languages: [
        Language(code: "en", name: "English", direction: .ltr),
        Language(code: "fr-CA", name: "Français (Canada)", direction: .ltr),
        Language(code: "pl", name: "Polski", direction: .ltr),
        Language(code: "ar", name: "العربية", direction: .rtl),
    ], defaultLanguage: Language(code: "en", name: "English", direction: .ltr), collectorURL: nil, theme: "default",
       allowHTML: false, timeZone: TimeZone(identifier: "UTC")!)

    private func layer(_ language: String, _ yaml: String, sink: DiagnosticSink) -> StringsCatalog.Layer {
        StringsCatalog.parse(text: yaml, file: "i18n/\(language).yaml", language: language, sink: sink)
    }

    func testRegionFallsBackToLanguageThenToTheDefaultWithAWarning() {
        let sink = DiagnosticSink()
        let strings = StringsCatalog.resolve(layers: [
            layer("en", "hello: Hello\nbye: Bye\n", sink: sink),
            layer("fr", "hello: Bonjour\n", sink: sink),
            layer("fr-CA", "bye: Salut\n", sink: sink),
            layer("pl", "hello: Cześć\nbye: Pa\n", sink: sink),
            layer("ar", "hello: مرحبا\nbye: مع السلامة\n", sink: sink),
        ], site: site, sink: sink)
        XCTAssertEqual(strings["fr-CA"]?.text("hello"), "Bonjour")
        XCTAssertEqual(strings["fr-CA"]?.text("bye"), "Salut")
        XCTAssertEqual(sink.warnings, [])
        let partial = DiagnosticSink()
        let missing = StringsCatalog.resolve(layers: [layer("en", "hello: Hello\nbye: Bye\n", sink: partial), layer("pl", "hello: Cześć\n", sink: partial)], site: site, sink: partial)
        XCTAssertEqual(missing["pl"]?.text("bye"), "Bye")
        XCTAssertTrue(partial.warnings.contains { $0.file == "i18n/pl.yaml" && $0.message.contains("1 UI string(s) missing for `pl`, shown in `en`: bye") }, "\(partial.warnings)")
    }

    func testALaterLayerOverridesKeyByKey() {
        let sink = DiagnosticSink()
        let strings = StringsCatalog.resolve(layers: [
            layer("en", "hello: Hello\nbye: Bye\n", sink: sink),
            layer("en", "bye: See you\n", sink: sink),
        ], site: site, sink: sink)
        XCTAssertEqual(strings["en"]?.text("hello"), "Hello")
        XCTAssertEqual(strings["en"]?.text("bye"), "See you")
    }

    func testPluralFormsFollowEachLanguagesCLDRRules() {
        let sink = DiagnosticSink()
        let strings = StringsCatalog.resolve(layers: [
            layer("en", "pages:\n  one: \"{count} page\"\n  other: \"{count} pages\"\n", sink: sink),
            layer("pl", "pages:\n  one: \"{count} strona\"\n  few: \"{count} strony\"\n  many: \"{count} stron\"\n  other: \"{count} strony\"\n", sink: sink),
            layer("ar", "pages:\n  zero: لا صفحات\n  one: صفحة واحدة\n  two: صفحتان\n  few: \"{count} صفحات\"\n  many: \"{count} صفحة\"\n  other: \"{count} صفحة\"\n", sink: sink),
        ], site: site, sink: sink)
        let polish = strings["pl"]!
        XCTAssertEqual([1, 2, 5, 22, 25].map { polish.plural("pages", count: $0, formattedCount: String($0)) },
                       ["1 strona", "2 strony", "5 stron", "22 strony", "25 stron"])
        let arabic = strings["ar"]!
        XCTAssertEqual([0, 1, 2, 3, 11, 100].map { arabic.plural("pages", count: $0, formattedCount: String($0)) },
                       ["لا صفحات", "صفحة واحدة", "صفحتان", "3 صفحات", "11 صفحة", "100 صفحة"])
        XCTAssertEqual(strings["en"]!.plural("pages", count: 1, formattedCount: "1"), "1 page")
    }

    func testAPluralStringMissingCategoriesIsWarnedAndOneWithoutOtherIsAnError() {
        let sink = DiagnosticSink()
        _ = layer("pl", "pages:\n  one: strona\n  other: strony\n", sink: sink)
        XCTAssertTrue(sink.warnings.contains { $0.message == "plural string `pages` lacks few, many for `pl`" && $0.line == 1 }, "\(sink.all)")
        _ = layer("en", "\nitems:\n  one: item\n", sink: sink)
        XCTAssertTrue(sink.errors.contains { $0.message == "plural string `items` has no `other` form" && $0.line == 2 })
        _ = layer("en", "items:\n  single: x\n  other: y\n", sink: sink)
        XCTAssertTrue(sink.errors.contains { $0.message == "`single` in `items` is not a plural category" })
    }

    func testDatesNumbersAndAmountsAreWrittenTheWayEachLanguageWritesThem() {
        let utc = TimeZone(identifier: "UTC")!
        let date = DateParsing.parse("2026-03-01")!
        XCTAssertEqual(Formats(language: "en", timeZone: utc).date(date), "March 1, 2026")
        XCTAssertEqual(Formats(language: "fr", timeZone: utc).date(date), "1 mars 2026")
        XCTAssertEqual(Formats(language: "de", timeZone: utc).date(date), "1. März 2026")
        XCTAssertEqual(Formats(language: "en", timeZone: utc).number(1_500_000), "1,500,000")
        XCTAssertEqual(Formats(language: "de", timeZone: utc).number(1_500_000), "1.500.000")
        XCTAssertEqual(Formats(language: "fa", timeZone: utc).number(25), "۲۵")
        XCTAssertEqual(Formats(language: "en", timeZone: utc).money(1_500_000, currency: "USD"), "$1,500,000")
        // French groups digits with narrow no-break spaces and puts a no-break space before the symbol.
        XCTAssertEqual(Formats(language: "fr", timeZone: utc).money(30_000_000, currency: "EUR"), "30\u{202F}000\u{202F}000\u{A0}€")
        XCTAssertEqual(Formats(language: "en", timeZone: utc).money(12.5, currency: "EUR"), "€12.50")
    }

    /// Issue 22: the twelve languages added to the theme get their own dates and numbers from ICU's data.
    func testTheTwelveNewLanguagesWriteDatesAndNumbersTheirOwnWay() {
        let utc = TimeZone(identifier: "UTC")!
        let date = DateParsing.parse("2026-03-01")!
        let dates = ["fil": "Marso 1, 2026", "hi": "1 मार्च 2026", "gu": "1 માર્ચ, 2026", "bn": "1 মার্চ, 2026", "pa": "1 ਮਾਰਚ 2026",
                     "am": "1 ማርች 2026", "so": "Maarso 1, 2026", "sw": "1 Machi 2026", "el": "1 Μαρτίου 2026", "ro": "1 martie 2026",
                     "hu": "2026. március 1.", "th": "1 มีนาคม 2026"]
        for (language, expected) in dates {
            XCTAssertEqual(Formats(language: language, timeZone: utc).date(date), expected, language)
        }
        XCTAssertEqual(Formats(language: "hi", timeZone: utc).number(1_500_000), "15,00,000", "Indian grouping")
        XCTAssertEqual(Formats(language: "el", timeZone: utc).number(1_500_000), "1.500.000")
        XCTAssertEqual(Formats(language: "hu", timeZone: utc).number(1_500_000), "1\u{A0}500\u{A0}000")
    }

    func testTheDefaultThemeShipsEveryStringInThirtyTwoLanguagesWithTheirPluralCategories() throws {
        let themes = try XCTUnwrap(BuiltInThemes.searchPaths.last).appendingPathComponent("default/i18n")
        let sink = DiagnosticSink()
        let english = layer("en", try String(contentsOf: themes.appendingPathComponent("en.yaml"), encoding: .utf8), sink: sink)
        let codes = try FileManager.default.contentsOfDirectory(atPath: themes.path).filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(".yaml".count)) }.sorted()
        XCTAssertGreaterThanOrEqual(codes.count, 32, "\(codes)")
        for code in codes where code != "en" {
            XCTAssertNotNil(PluralRules(languageTag: code), "\(code) has CLDR plural rules")
            let text = try String(contentsOf: themes.appendingPathComponent("\(code).yaml"), encoding: .utf8)
            let translated = layer(code, text, sink: sink)
            XCTAssertEqual(Set(translated.values.keys), Set(english.values.keys), code)
        }
        XCTAssertEqual(sink.all, [], "every plural string lists its language's categories")
    }
}
