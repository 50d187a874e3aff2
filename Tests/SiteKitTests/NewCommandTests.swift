import Foundation
import XCTest
@testable import SiteKit

/// Issue 22, the communicator's toolbox: `sitegen new` writes sites and files that build as they are written.
final class NewCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func sitegen(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, printed: String) {
        try SitegenProcess.run(arguments, directory: directory ?? folder)
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    private func assertStrictCheckPasses(_ site: URL, after step: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let check = try sitegen(["check", "--strict"], in: site)
        XCTAssertEqual(check.status, 0, "after \(step):\n\(check.printed)", file: file, line: line)
    }

    func testNewSiteBuildsStrictAtOnceInEveryLanguageAndRefusesAFolderThatIsNotEmpty() throws {
        let made = try sitegen(["new", "site", "town", "--language", "fr", "--language", "en", "--language", "ar"])
        XCTAssertEqual(made.status, 0, made.printed)
        XCTAssertContains(made.printed, "wrote town/content/site.yaml: replace the placeholders of title and base_url")
        XCTAssertContains(made.printed, "then: cd town && sitegen build --strict")
        let yaml = try read("town/content/site.yaml")
        XCTAssertContains(yaml, "default_language: fr")
        XCTAssertContains(yaml, "theme: default")
        XCTAssertContains(try read("town/content/consultation/_index.fr.md"), "kind: process")
        for language in ["fr", "en", "ar"] {
            XCTAssertContains(try read("town/content/consultation/about.\(language).md"), "title: \"About\"")
        }
        let site = folder.appendingPathComponent("town")
        let build = try sitegen(["build", "--strict", "--no-search"], in: site)
        XCTAssertEqual(build.status, 0, build.printed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/ar/consultation/about/index.html").path))

        let again = try sitegen(["new", "site", "town"])
        XCTAssertEqual(again.status, 1)
        XCTAssertContains(again.printed, "/town:1:1: error: this folder is not empty (sitegen new site writes into a new or empty folder only")
        XCTAssertContains(again.printed, "nothing was written")
        let badLanguage = try sitegen(["new", "site", "other", "--language", "English"])
        XCTAssertEqual(badLanguage.status, 1)
        XCTAssertContains(badLanguage.printed, "`English` is not a language code")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("other").path))
    }

    func testEveryKindWritesItsRequiredSettingsAndTextOnlyTranslationsThatBuildStrict() throws {
        XCTAssertEqual(try sitegen(["new", "site", "town"]).status, 0)
        let site = folder.appendingPathComponent("town")
        let kinds: [(kind: String, path: String, file: String)] = [
            ("space", "city", "city/_index"), ("page", "city/rules", "city/rules"), ("proposal", "city/ideas/bike-lanes", "city/ideas/bike-lanes"),
            ("project", "city/budget/new-park", "city/budget/new-park"), ("petition", "content/city/petitions/night-buses.md", "city/petitions/night-buses"),
        ]
        for (kind, path, file) in kinds {
            let made = try sitegen(["new", kind, path], in: site)
            XCTAssertEqual(made.status, 0, made.printed)
            XCTAssertContains(made.printed, "wrote content/\(file).en.md: replace the placeholders of title")
            XCTAssertContains(made.printed, "wrote content/\(file).fr.md: translate title and the text, then delete `draft: true`")
            try assertStrictCheckPasses(site, after: "new \(kind)")
        }
        let project = try read("town/content/city/budget/new-park.en.md")
        XCTAssertContains(project, "title: \"New Park\"")
        for setting in ProjectFields.required { XCTAssertContains(project, "\(setting.key): \(setting.example)  # required: \(setting.meaning)") }
        let translation = try read("town/content/city/budget/new-park.fr.md")
        XCTAssertContains(translation, "draft: true")
        XCTAssertNotContains(translation, "cost")
        let collection = try read("town/content/city/budget/_index.en.md")
        for setting in CollectionSettings.required(for: .budget) { XCTAssertContains(collection, "\(setting.key): \(setting.example)") }
        XCTAssertContains(try read("town/content/city/_index.en.md"), "kind: process")
        XCTAssertNotContains(try read("town/content/city/_index.fr.md"), "kind")

        // The placeholder is the reader's own example: taken away, the build asks for it with the same words.
        try project.replacingOccurrences(of: "cost: 250000", with: "").write(to: site.appendingPathComponent("content/city/budget/new-park.en.md"), atomically: true, encoding: .utf8)
        let missing = try sitegen(["check"], in: site)
        XCTAssertEqual(missing.status, 1)
        XCTAssertContains(missing.printed, "content/city/budget/new-park.en.md:2:1: error: a budget project needs its `cost` (\(ProjectFields.cost.hint))")
    }

    func testNewRefusesToOverwriteAWrongFolderABadPathAndAFolderWithoutASite() throws {
        XCTAssertEqual(try sitegen(["new", "site", "town"]).status, 0)
        let site = folder.appendingPathComponent("town")
        XCTAssertEqual(try sitegen(["new", "project", "city/budget/park"], in: site).status, 0)
        let before = try read("town/content/city/budget/park.en.md")

        let twice = try sitegen(["new", "project", "city/budget/park"], in: site)
        XCTAssertEqual(twice.status, 1)
        XCTAssertContains(twice.printed, "content/city/budget/park.en.md:1:1: error: this project already exists (sitegen new never overwrites")
        XCTAssertEqual(try read("town/content/city/budget/park.en.md"), before)

        let wrongFolder = try sitegen(["new", "proposal", "city/budget/idea"], in: site)
        XCTAssertEqual(wrongFolder.status, 1)
        XCTAssertContains(wrongFolder.printed, "content/city/budget:1:1: error: this folder is a `budget` collection (a proposal goes in a folder whose `_index` has `component: proposals`)")

        let plainSection = try sitegen(["new", "petition", "consultation/sign-here"], in: site)
        XCTAssertEqual(plainSection.status, 1)
        XCTAssertContains(plainSection.printed, "content/consultation/_index.en.md:1:1: error: this folder is not a `petitions` collection")

        let badPath = try sitegen(["new", "page", "../outside"], in: site)
        XCTAssertEqual(badPath.status, 1)
        XCTAssertContains(badPath.printed, "`../outside` cannot name a page")

        let withLanguage = try sitegen(["new", "page", "about.fr"], in: site)
        XCTAssertEqual(withLanguage.status, 1)
        XCTAssertContains(withLanguage.printed, "without language or `.md`")

        let noSite = try sitegen(["new", "page", "about"])
        XCTAssertEqual(noSite.status, 1)
        XCTAssertContains(noSite.printed, "content/site.yaml:1:1: error: no site here: site.yaml not found (run sitegen in your project folder, pass --content DIR")
        XCTAssertContains(noSite.printed, "nothing was written")
        try assertStrictCheckPasses(site, after: "the refusals")
    }
}
