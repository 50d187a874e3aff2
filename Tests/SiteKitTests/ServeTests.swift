import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import SiteKit

final class ServeTests: XCTestCase {
    private var fixtures: [SiteFixture] = []
    override func tearDown() { fixtures.forEach { $0.remove() } }

    private func fixture() throws -> SiteFixture {
        let site = try SiteFixture(SiteFixture.site + """

        -- content/about.en.md --
        ---
        title: About
        ---
        First version.
        -- content/other.en.md --
        ---
        title: Other
        ---
        Untouched.
        """)
        fixtures.append(site)
        return site
    }

    func testABodyChangeReRendersOnlyThatPageInEveryLanguageItAppearsIn() throws {
        let site = try fixture()
        let builder = SiteBuilder(options: site.options { $0.liveReload = true })
        _ = try builder.build()
        let otherBefore = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("en/other/index.html").path)[.modificationDate] as? Date
        try site.write("-- content/about.en.md --\n---\ntitle: About\n---\nSecond version.")
        let report = try XCTUnwrap(try builder.rebuild(changed: [site.content.appendingPathComponent("about.en.md")]))
        XCTAssertEqual(report.files, 4, "the English page and its three fallbacks")
        XCTAssertContains(try site.read("en/about/index.html"), "Second version.")
        XCTAssertContains(try site.read("ar/about/index.html"), "Second version.")
        XCTAssertContains(try site.read("en/about/index.html"), "__sitegen/live.js")
        let otherAfter = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("en/other/index.html").path)[.modificationDate] as? Date
        XCTAssertEqual(otherBefore, otherAfter)
    }

    func testAFrontMatterChangeOrANewFileAsksForAFullBuild() throws {
        let site = try fixture()
        let builder = SiteBuilder(options: site.options())
        _ = try builder.build()
        try site.write("-- content/about.en.md --\n---\ntitle: About us\n---\nFirst version.")
        XCTAssertNil(try builder.rebuild(changed: [site.content.appendingPathComponent("about.en.md")]))
        try site.write("-- content/new.en.md --\n---\ntitle: New\n---\n")
        XCTAssertNil(try builder.rebuild(changed: [site.content.appendingPathComponent("new.en.md")]))
        XCTAssertNil(try builder.rebuild(changed: [site.content.appendingPathComponent("site.yaml")]))
    }

    func testABrokenSaveShowsItsErrorsKeepsTheSiteAndRecoversOnTheNextGoodSave() throws {
        let site = try fixture()
        let server = DevServer(options: site.options { $0.liveReload = true }, host: "127.0.0.1", port: 0)
        server.rebuild(changed: nil)
        XCTAssertEqual(server.state.snapshot.version, 1)
        try site.write("-- content/about.en.md --\n---\ntitle: About\n---\nSee [missing](missing.md).")
        server.rebuild(changed: [site.content.appendingPathComponent("about.en.md")])
        XCTAssertEqual(server.state.snapshot.version, 1)
        XCTAssertTrue(server.state.snapshot.errors.first?.contains("content/about.en.md:4:1: error: link to `missing.md`") ?? false, "\(server.state.snapshot.errors)")
        XCTAssertContains(try site.read("en/about/index.html"), "First version.")
        try site.write("-- content/about.en.md --\n---\ntitle: About\n---\nFixed.")
        server.rebuild(changed: [site.content.appendingPathComponent("about.en.md")])
        XCTAssertEqual(server.state.snapshot.version, 2)
        XCTAssertEqual(server.state.snapshot.errors, [])
        XCTAssertContains(try site.read("en/about/index.html"), "Fixed.")
    }

    func testTheDevServerServesPagesTheReloadScriptItsStateAndA404() async throws {
        let site = try fixture()
        let server = DevServer(options: site.options { $0.liveReload = true }, host: "127.0.0.1", port: 0)
        server.rebuild(changed: nil)
        let app = Application(router: server.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            // The root page (the language chooser) too: "**" alone does not match "/".
            try await client.execute(uri: "/", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertContains(String(buffer: response.body), "<html")
            }
            try await client.execute(uri: "/en/about/", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertContains(String(buffer: response.body), "<script src=\"/__sitegen/live.js\" defer></script></body>")
            }
            try await client.execute(uri: "/__sitegen/live.js", method: .get) { response in
                XCTAssertEqual(response.headers[.contentType], "text/javascript; charset=utf-8")
                XCTAssertContains(String(buffer: response.body), "__sitegen/events")
            }
            try await client.execute(uri: "/__sitegen/events?v=0", method: .get) { response in
                XCTAssertEqual(String(buffer: response.body), #"{"errors":[],"version":"1"}"#)
            }
            try await client.execute(uri: "/en/about", method: .get) { response in
                XCTAssertEqual(response.status, .movedPermanently)
                XCTAssertEqual(response.headers[.location], "/en/about/")
            }
            try await client.execute(uri: "/en/../../etc/passwd", method: .get) { response in
                XCTAssertEqual(response.status, .notFound)
            }
            try await client.execute(uri: "/en/nowhere/", method: .get) { response in
                XCTAssertEqual(response.status, .notFound)
                XCTAssertContains(String(buffer: response.body), "<html lang=\"en\"")
            }
        }
    }
}

/// Issue 21, point 7: a preview never writes into the folder that gets published.
final class ServeOutputTests: XCTestCase {
    func testServeBuildsIntoAScratchFolderAndLeavesTheOutputWithoutTheLiveReloadScript() async throws {
        let site = try SiteFixture(SiteFixture.site + "\n-- content/about.en.md --\n---\ntitle: About\n---\nFirst version.")
        defer { site.remove() }
        try site.build()
        let published = try site.read("en/about/index.html")
        let serve = try SitegenProcess(["serve", "--content", "content", "--port", "0"], directory: site.root)
        let preview = URL(fileURLWithPath: try serve.line(startingWith: "building the preview into "))
        let address = try serve.line(startingWith: "serving on ").split(separator: " ")[0]
        XCTAssertFalse(preview.path.hasPrefix(site.root.path), "\(preview.path) is outside the project")
        let (data, _) = try await URLSession.shared.data(from: XCTUnwrap(URL(string: address + "en/about/")))
        XCTAssertContains(String(decoding: data, as: UTF8.self), "<script src=\"/__sitegen/live.js\" defer></script>")
        XCTAssertContains(try String(contentsOf: preview.appendingPathComponent("en/about/index.html"), encoding: .utf8), "__sitegen/live.js")

        XCTAssertEqual(serve.interrupt(), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: preview.path), "serve removes its preview when it stops")
        XCTAssertEqual(try site.read("en/about/index.html"), published)
        let files = try XCTUnwrap(FileManager.default.enumerator(at: site.output, includingPropertiesForKeys: nil)).compactMap { $0 as? URL }
        XCTAssertGreaterThan(files.count, 10)
        for file in files where file.pathExtension == "html" {
            XCTAssertNotContains(try String(contentsOf: file, encoding: .utf8), "__sitegen")
        }
        let refused = try SitegenProcess(["serve", "--output", "public"], directory: site.root)
        XCTAssertContains(try refused.line(startingWith: "Error: "), "--output")
    }
}

final class SearchTests: XCTestCase {
    func testWithoutPagefindTheBuildSaysSoAndSucceeds() throws {
        XCTAssertNil(Pagefind.locate(path: "", python: { nil }))
        XCTAssertEqual(Pagefind.run(tool: nil, site: URL(fileURLWithPath: "/nonexistent"), sink: DiagnosticSink()), Pagefind.missingNotice)
    }

    func testWithPagefindInstalledTheSiteGetsASearchIndexPerLanguage() throws {
        // scripts/test.sh installs pagefind-bin, so this runs the real indexer.
        let tool = try XCTUnwrap(Pagefind.locate(), "scripts/install-deps.sh installs pagefind-bin into .venv")
        let site = try SiteFixture(SiteFixture.site)
        defer { site.remove() }
        let report = try site.build { $0.runPagefind = true }
        XCTAssertTrue(report.notes.contains("search: indexed with Pagefind"), "\(report.notes) with \(tool.path)")
        let entry = try site.read("pagefind/pagefind-entry.json")
        XCTAssertContains(entry, "\"fr\"")
        XCTAssertContains(entry, "\"ar\"")
        XCTAssertTrue(site.exists("pagefind/pagefind-ui.js"))
    }
}

final class WatcherTests: XCTestCase {
    private func check(_ make: ([URL]) -> ChangeSource) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try "one".write(to: root.appendingPathComponent("a/page.md"), atomically: false, encoding: .utf8)
        var source = make([root])
        XCTAssertEqual(source.changes(waiting: 0.05), [])
        Thread.sleep(forTimeInterval: 0.01)
        try "two, longer".write(to: root.appendingPathComponent("a/page.md"), atomically: false, encoding: .utf8)
        XCTAssertEqual(source.changes(waiting: 1).map(\.lastPathComponent), ["page.md"])
        try FileManager.default.createDirectory(at: root.appendingPathComponent("b"), withIntermediateDirectories: true)
        _ = source.changes(waiting: 0.2)
        try "new".write(to: root.appendingPathComponent("b/new.md"), atomically: false, encoding: .utf8)
        XCTAssertEqual(source.changes(waiting: 1).map(\.lastPathComponent), ["new.md"])
        try FileManager.default.removeItem(at: root.appendingPathComponent("a/page.md"))
        XCTAssertEqual(source.changes(waiting: 1).map(\.lastPathComponent), ["page.md"])
    }

    func testPollingSeesChangesAdditionsAndRemovals() throws {
        try check { PollingWatcher(roots: $0) }
    }

    #if os(Linux)
    func testInotifySeesChangesAdditionsInNewFoldersAndRemovals() throws {
        try check { InotifyWatcher(roots: $0)! }
    }
    #endif
}
