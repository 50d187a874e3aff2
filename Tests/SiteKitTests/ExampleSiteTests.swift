import Foundation
import Model
import XCTest
@testable import SiteKit

/// The repository's own example content: the five reference consultations, built as the README builds them.
final class ExampleSiteTests: XCTestCase {
    private static let output = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
    private static var built: (options: BuildOptions, report: BuildReport)?
    /// The example's languages, in the order of its site.yaml.
    private static let languages = ["en", "fr", "es", "ar", "zh", "vi", "ko", "pl"]

    /// One build for every test of the class: the example is the largest site the tests build.
    private func build() throws -> (options: BuildOptions, report: BuildReport) {
        if let built = Self.built { return built }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var options = BuildOptions(contentDirectory: repository.appendingPathComponent("content"), outputDirectory: Self.output)
        options.runPagefind = false
        options.strict = true
        options.now = DateParsing.parse("2026-11-26T12:00:00Z")!
        let built = (options, try SiteBuilder(options: options).build())
        Self.built = built
        return built
    }

    override class func tearDown() { try? FileManager.default.removeItem(at: output) }

    /// Issue 22: the collector's words beside the manifest, in each language of the site, Arabic right to left.
    func testTheBuildWritesTheCollectorsWordsInEveryLanguageOfTheSite() throws {
        _ = try build()
        let catalog = try JSONDecoder().decode(CollectorCatalog.self, from: Data(contentsOf: Self.output.appendingPathComponent(CollectorCatalog.fileName)))
        XCTAssertEqual(catalog.defaultLanguage, "en")
        XCTAssertEqual(Set(catalog.languages.keys), Set(Self.languages))
        XCTAssertEqual(catalog.languages["ar"]?.direction, .rtl)
        XCTAssertEqual(catalog.languages["ar"]?.strings["collector_stored"], "تم حفظ مشاركتك")
        XCTAssertEqual(catalog.languages["fr"]?.strings["card_title"], "Codes de vote")
        for (code, language) in catalog.languages {
            XCTAssertTrue(language.strings.keys.allSatisfy { key in CollectorCatalogFile.prefixes.contains(where: key.hasPrefix) }, code)
            XCTAssertEqual(language.strings.count, 56, code)
        }
    }

    private func pages() throws -> [URL] {
        _ = try build()
        let enumerator = FileManager.default.enumerator(at: Self.output, includingPropertiesForKeys: nil)!
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "html" }
    }

    func testTheExampleSiteBuildsWithoutAWarningAndEveryFormMatchesTheManifest() throws {
        let (options, report) = try build()
        let output = Self.output
        XCTAssertEqual(report.warnings, [])
        XCTAssertEqual(Set(report.pagesPerLanguage.map(\.language)), Set(Self.languages))
        XCTAssertGreaterThan(report.forms, 20)

        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: output.appendingPathComponent("ballots.json")))
        let ids = Set(manifest.forms.map(\.id))
        var seen: Set<String> = []
        for file in try pages() {
            let html = try String(contentsOf: file, encoding: .utf8)
            var rest = Substring(html)
            while let range = rest.range(of: "data-form-id=\"") {
                let tail = rest[range.upperBound...]
                let id = String(tail.prefix { $0 != "\"" })
                XCTAssertTrue(ids.contains(id), "\(file.path) shows form \(id), which ballots.json does not list")
                seen.insert(id)
                rest = tail
            }
        }
        let openForms = manifest.forms.filter { $0.isOpen(at: options.now) }.map(\.id)
        XCTAssertFalse(openForms.isEmpty)
        for id in openForms { XCTAssertTrue(seen.contains(id), "open form \(id) appears on no page") }
        let arabic = try String(contentsOf: output.appendingPathComponent("ar/index.html"), encoding: .utf8)
        XCTAssertTrue(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
    }

    /// What a participant of the example would take for a mistake: a zero where nothing was counted, or an open
    /// budget ballot with nothing to choose because every project fits.
    func testTheExampleShowsNoUncountedZeroAndEveryOpenBudgetAsksForAChoice() throws {
        let (options, _) = try build()
        for file in try pages() {
            // A hidden count waits for the collector's running figure: the script shows it once known.
            let html = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: " hidden>0 ", with: " hidden>")
            for zero in [">0 supports", ">0 soutien", ">0 apoyos", ">0 signatures", ">0 firmas"] {
                XCTAssertFalse(html.contains(zero), "\(file.path) shows \(zero.dropFirst()) where nothing was counted")
            }
        }
        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: Self.output.appendingPathComponent("ballots.json")))
        let budgets = manifest.forms.filter { $0.kind == .budget && $0.isOpen(at: options.now) }
        XCTAssertFalse(budgets.isEmpty)
        for form in budgets {
            guard let budget = form.constraints.budget else { continue }
            let projects = form.options.compactMap(\.cost).reduce(0, +)
            XCTAssertGreaterThan(projects, budget, "every project of open ballot \(form.id) fits its budget: nothing to choose")
        }
        // Each ward in its own colours, the city in its own: eleven charters.
        let pages = (1...10).map { "en/city-budget/ward-\($0)/index.html" } + ["en/city-budget/index.html"]
        let charters = try pages.map { page in
            let html = try String(contentsOf: Self.output.appendingPathComponent(page), encoding: .utf8)
            return html.range(of: #"assets/charter\.[0-9a-f]+\.css"#, options: .regularExpression).map { String(html[$0]) } ?? "none on \(page)"
        }
        XCTAssertEqual(Set(charters).count, 11, "\(charters)")
    }

    /// Issue 22: the city budget reads in all eight languages (its page, every ward, every ward's projects and every
    /// project's title, none with the fallback notice), while a space written in English only shows a new language's
    /// reader the notice; a ward's language switcher lists the eight.
    func testTheCityBudgetReadsInEveryLanguageWhileOtherSpacesFallBackWithTheNotice() throws {
        _ = try build()
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("content/city-budget")
        func page(_ path: String) throws -> String {
            try String(contentsOf: Self.output.appendingPathComponent(path), encoding: .utf8)
        }
        let notice = "<p class=\"notice\" role=\"note\">"
        for language in Self.languages {
            var paths = ["city-budget/index.html"]
            for ward in 1...10 { paths += ["city-budget/ward-\(ward)/index.html", "city-budget/ward-\(ward)/projects/index.html"] }
            for path in paths {
                let html = try page("\(language)/\(path)")
                XCTAssertTrue(html.contains("<html lang=\"\(language)\""), "\(language)/\(path)")
                XCTAssertFalse(html.contains(notice), "\(language)/\(path) falls back to English")
            }
            for ward in 1...10 {
                let folder = content.appendingPathComponent("ward-\(ward)/projects")
                let projects = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                    .filter { $0.hasSuffix(".en.md") && !$0.hasPrefix("_index") }.map { String($0.dropLast(".en.md".count)) }
                XCTAssertFalse(projects.isEmpty, "ward \(ward) has no project")
                let listing = try page("\(language)/city-budget/ward-\(ward)/projects/index.html")
                for project in projects {
                    let file = folder.appendingPathComponent("\(project).\(language).md")
                    let text = try String(contentsOf: file, encoding: .utf8)
                    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("title: ") }) else {
                        XCTFail("\(file.path) has no title"); continue
                    }
                    let title = line.dropFirst("title: ".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    XCTAssertTrue(listing.contains(title), "\(language)/city-budget/ward-\(ward)/projects does not show \"\(title)\"")
                    let own = try page("\(language)/city-budget/ward-\(ward)/projects/\(project)/index.html")
                    XCTAssertTrue(own.contains(title) && !own.contains(notice), "\(language)/\(project) is not in its language")
                }
            }
        }
        // A ward page's language switcher links the same ward in all eight languages, in the site's order.
        let ward = try page("ko/city-budget/ward-4/index.html")
        let switcher = try XCTUnwrap(ward.range(of: "<nav class=\"languages\"").flatMap { start in
            ward.range(of: "</nav>", range: start.upperBound..<ward.endIndex).map { String(ward[start.lowerBound..<$0.upperBound]) }
        })
        let links = switcher.components(separatedBy: "hreflang=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(links, Self.languages)
        for language in Self.languages { XCTAssertTrue(switcher.contains("/\(language)/city-budget/ward-4/"), language) }
        // Another space, in English only: its Polish and Korean pages say so, in the reader's language.
        XCTAssertTrue(try page("pl/petitions/index.html").contains(notice
            + "Ta strona nie jest jeszcze dostępna w języku: Polski. Wyświetlamy ją w języku: English.</p>"))
        XCTAssertTrue(try page("ko/petitions/index.html").contains(notice
            + "이 페이지는 아직 한국어 버전이 없어 English 버전으로 표시합니다.</p>"))
    }

    /// The theme's Content-Security-Policy holds only while nothing on a page needs inline script or style.
    func testNoPageRunsOrStylesAnythingInline() throws {
        let files = try pages()
        XCTAssertGreaterThan(files.count, 100)
        for file in files {
            let problems = PageScan.problems(in: try String(contentsOf: file, encoding: .utf8))
            XCTAssertEqual(problems, [], file.path)
        }
    }
}
