@testable import CollectorKit
import Foundation
import Model
import XCTest

/// Issue 22, point 6: the collector's answers, refusals and code cards come from the theme's i18n files, in every
/// language the theme ships, and a missing or broken `collector.json` stops it at start, naming the file.
final class CollectorLanguagesTests: XCTestCase {
    func testEveryLanguageOfTheThemeHasTheCollectorsWordsInItsOwnLanguage() throws {
        let languages = ThemeMessages.themeLanguages
        XCTAssertGreaterThanOrEqual(languages.count, 32)
        // English first: the default, which fills any key a language lacks, so a lacking key shows as English here.
        let messages = try Messages(catalog: ThemeMessages.catalog(["en"] + languages.filter { $0 != "en" }))
        let sentences = [Messages.PageText.storedTitle, .refusedTitle, .keepReceipt, .replaces, .back]
        for code in languages where code != "en" {
            for key in sentences {
                XCTAssertNotEqual(messages.text(key, language: code), messages.text(key, language: "en"), "\(code) \(key)")
            }
            for refusal in RefusalCode.allCases {
                XCTAssertNotEqual(messages.message(refusal, language: code), messages.message(refusal, language: "en"), "\(code) \(refusal)")
            }
            let card = try XCTUnwrap(CardWords(messages, language: code), code)
            XCTAssertEqual(card.language, code)
            XCTAssertNotEqual(card.how, CardWords(messages, language: "en")?.how, code)
            let direction: TextDirection = Language.rightToLeftCodes.contains(code) ? .rtl : .ltr
            XCTAssertEqual(card.direction, direction, code)
            let page = AnswerPage(messages: messages, language: code).refused(Refusal(.overBudget, field: "choice"), title: "T", back: "/")
            XCTAssertTrue(page.contains("lang=\"\(code)\" dir=\"\(direction.rawValue)\""), code)
            XCTAssertTrue(page.contains(MarkupEscape.escape(messages.message(.overBudget, language: code))), code)
        }
    }

    func testARegionReadsItsLanguageAndAnUnknownLanguageTheDefault() throws {
        let messages = Fixtures.messages
        XCTAssertEqual(messages.language(preferred: ["fr-CA", "en"], form: nil), "fr")
        XCTAssertEqual(messages.language(preferred: ["ja"], form: nil), "en")
        XCTAssertEqual(messages.message(.busy, language: "ja"), messages.message(.busy, language: "en"))
        XCTAssertEqual(messages.direction("ar-EG"), .rtl)
    }

    func testAMissingOrBrokenCatalogStopsTheCollectorNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(CollectorCatalog.fileName).path
        XCTAssertThrowsError(try MessagesFile.load(path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("--messages \(path): cannot read the file"), "\(error)")
            XCTAssertTrue("\(error)".contains("sitegen build"), "\(error)")
        }
        try Data("{\"languages\": []}".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try MessagesFile.load(path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("--messages \(path): not the collector's words"), "\(error)")
        }
        var catalog = try ThemeMessages.catalog(["en", "ar"])
        catalog.languages["ar"]?.strings["refusal_busy"] = nil
        try BallotManifest.encoder().encode(catalog).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try MessagesFile.load(path)) { error in
            XCTAssertTrue("\(error)".contains("--messages \(path): the collector's words are incomplete: `ar` lacks refusal_busy"), "\(error)")
        }

        let manifest = try ThemeMessages.writeSite(Fixtures.manifest)
        try FileManager.default.removeItem(atPath: MessagesFile.beside(manifest: manifest))
        let run = try CommandLineRun(["serve", "--manifest", manifest, "--db", Fixtures.temporaryDatabase(), "--port", "0"], timeout: 30)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.errors.contains("--messages \(MessagesFile.beside(manifest: manifest)): cannot read the file"), run.errors)
    }
}
