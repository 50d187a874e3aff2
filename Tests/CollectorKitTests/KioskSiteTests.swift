import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import XCTest

/// `collector serve --site` (kiosk mode) on a real loopback socket, asked with the bytes a hostile client sends:
/// the site is served, and nothing beside it, under one Content-Security-Policy.
final class KioskSiteTests: XCTestCase {
    static let sitePolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    func testTheSiteIsServedWithItsContentTypesRedirectsAndPolicy() async throws {
        let (site, _) = try Self.makeSite()
        try await withKiosk(site) { client, port in
            let expected: [(String, Int, String?)] = [
                ("/", 200, "text/html"), ("/en/", 200, "text/html"), ("/assets/app.js", 200, "text/javascript"),
                ("/ballots.json", 200, "application/json"), ("/assets/logo.svg", 200, "image/svg+xml"),
                ("/assets/notes", 200, "application/octet-stream"),
                // Links that stay inside the site are served, by the name asked for.
                ("/latest/", 200, "text/html"), ("/home.html", 200, "text/html"),
                ("/en/nowhere.html", 404, "application/json; charset=utf-8"),
            ]
            for (path, status, type) in expected {
                let answer = try Self.get(path, port: port)
                XCTAssertEqual(answer.status, status, path)
                XCTAssertEqual(answer.headers["content-type"], type, path)
                XCTAssertEqual(answer.headers["content-security-policy"], Self.sitePolicy, path)
                XCTAssertEqual(answer.headers["x-content-type-options"], "nosniff", path)
            }
            XCTAssertEqual(try Self.get("/en/", port: port).body, "<!doctype html><title>Ward 1</title>")
            XCTAssertEqual(try Self.get("/latest/", port: port).body, "<!doctype html><title>Ward 1</title>")
            let folder = try Self.get("/en", port: port)
            XCTAssertEqual(folder.status, 301)
            XCTAssertEqual(folder.headers["location"], "/en/")
            let head = try await client.execute(uri: "/assets/app.js", method: .head)
            XCTAssertEqual(head.status, .ok)
            XCTAssertEqual(head.headers[.contentLength], "\(Self.script.utf8.count)")
            XCTAssertEqual(head.body.readableBytes, 0)
        }
    }

    func testNoHiddenFileCollectorFileOrLinkOutOfTheSiteIsServed() async throws {
        let (site, _) = try Self.makeSite()
        try await withKiosk(site) { _, port in
            for path in ["/.secret", "/%2esecret", "/.git/config", "/collector.sqlite", "/collector.sqlite-wal", "/collector.sqlite-shm",
                         "/collector.sqlite-journal", "/collector.address-key", "/codes.csv", "/codes.html",
                         "/etc/hostname", "/out/secret.txt", "/leak.txt", "/public.txt"] {
                let answer = try Self.get(path, port: port)
                XCTAssertEqual(answer.status, 404, path)
                XCTAssertEqual(Fixtures.errorCode(ByteBuffer(string: answer.body)), "not_found", path)
                XCTAssertFalse(answer.body.contains("outside the site"), path)
            }
        }
    }

    func testPathsNoPageLinksToAreRefusedNotInterpretedAndNotCountedUnavailable() async throws {
        let (site, _) = try Self.makeSite()
        try await withKiosk(site) { _, port in
            let refused = ["/ballots.json%00.html", "/ballots.json%00.svg", "/%2e%2e/outside/secret.txt", "/en/%2E%2E/%2e%2e/outside/secret.txt",
                           "/../outside/secret.txt", "/en/./index.html", "/%2Fen", "//en", "/en%2Findex.html", "/en%5Cindex.html",
                           "/en\\index.html", "/en/%0Aindex.html", "/en/%7F", "/en/%C2%85", "/%FF", "/%zz", "/%2"]
            for path in refused {
                let answer = try Self.get(path, port: port)
                XCTAssertEqual(answer.status, 400, path)
                XCTAssertEqual(answer.headers["content-type"], "application/json; charset=utf-8", path)
                XCTAssertNil(answer.headers["location"], path)
                XCTAssertEqual(Fixtures.errorCode(ByteBuffer(string: answer.body)), "invalid_path", path)
            }
            let metrics = try Self.get("/metrics", port: port).body
            XCTAssertTrue(metrics.contains("collector_submissions_rejected_total{reason=\"unavailable\"} 0\n"), metrics)
            XCTAssertTrue(metrics.contains("collector_submissions_rejected_total{reason=\"invalid_path\"} \(refused.count)\n"), metrics)
        }
    }

    func testServeRefusesToStartWhenTheSiteHoldsTheDatabaseOrTheAddressKey() throws {
        let (site, outside) = try Self.makeSite()
        let manifest = try ThemeMessages.writeSite(Fixtures.manifest, in: outside)
        // A collector that starts is stopped after ten seconds and fails the test, rather than hanging it.
        let serve = { (arguments: [String]) in try CommandLineRun(["serve", "--manifest", manifest, "--port", "0"] + arguments, timeout: 10) }
        let before = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()

        let inSite = site.appendingPathComponent("votes.sqlite").path
        let database = try serve(["--site", site.path, "--db", inSite])
        XCTAssertNotEqual(database.status, 0)
        XCTAssertTrue(database.errors.contains("--db \(inSite) is inside --site \(site.path)"), database.errors)
        XCTAssertTrue(database.errors.contains("-wal and -shm"), database.errors)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted(), before, "nothing made in the site")

        // A folder that is a link into the site, and a WAL that is one, are inside it too.
        let inner = site.appendingPathComponent("private")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        let linked = outside.appendingPathComponent("data")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: inner)
        let throughLink = try serve(["--site", site.path, "--db", linked.appendingPathComponent("c.sqlite").path])
        XCTAssertNotEqual(throughLink.status, 0)
        XCTAssertTrue(throughLink.errors.contains("is inside --site"), throughLink.errors)
        let db = outside.appendingPathComponent("c.sqlite").path
        try Data().write(to: inner.appendingPathComponent("leftover"))
        try FileManager.default.createSymbolicLink(atPath: db + "-wal", withDestinationPath: inner.appendingPathComponent("leftover").path)
        let wal = try serve(["--site", site.path, "--db", db])
        XCTAssertNotEqual(wal.status, 0)
        XCTAssertTrue(wal.errors.contains("--db \(db) is inside --site"), wal.errors)
        try FileManager.default.removeItem(atPath: db + "-wal")

        let key = site.appendingPathComponent("k.address-key").path
        let addressKey = try serve(["--site", site.path, "--db", db, "--address-key", key])
        XCTAssertNotEqual(addressKey.status, 0)
        XCTAssertTrue(addressKey.errors.contains("--address-key \(key) is inside --site \(site.path)"), addressKey.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: key))

        let missing = outside.appendingPathComponent("not-built").path
        let noSite = try serve(["--site", missing, "--db", db])
        XCTAssertNotEqual(noSite.status, 0)
        XCTAssertTrue(noSite.errors.contains("--site \(missing): not a folder"), noSite.errors)

        let kiosk = try CollectorProcess(arguments: ["--manifest", manifest, "--site", site.path, "--db", db])
        XCTAssertEqual(try Self.get("/en/", port: kiosk.port).status, 200, "a database beside the site is no reason to refuse")
        kiosk.kill(SIGTERM)
        XCTAssertEqual(kiosk.wait(), 0)
    }

    static let script = "document.documentElement.className = 'js';\n"

    /// A built site as an operator might leave it, with a folder beside it: the collector's files, hidden files,
    /// links out of the site and links that stay in it.
    static func makeSite() throws -> (site: URL, outside: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-\(UUID().uuidString)")
        let site = root.appendingPathComponent("site"), outside = root.appendingPathComponent("outside")
        let files: [String: String] = [
            "index.html": "<!doctype html><title>Home</title>", "en/index.html": "<!doctype html><title>Ward 1</title>",
            "assets/app.js": script, "assets/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "assets/notes": "plain bytes",
            "ballots.json": "{\"title\": \"<script>alert(1)</script>\"}", ".secret": "secret", ".git/config": "[core]",
            "collector.sqlite": "rows", "collector.sqlite-wal": "names and emails", "collector.sqlite-shm": "index",
            "collector.sqlite-journal": "journal", "collector.address-key": "key", "codes.csv": "codes", "codes.html": "cards",
        ]
        for (path, text) in files {
            let url = site.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "outside the site".write(to: outside.appendingPathComponent("secret.txt"), atomically: false, encoding: .utf8)
        let links = ["etc": "/etc", "out": outside.path, "leak.txt": outside.appendingPathComponent("secret.txt").path, "public.txt": ".secret",
                     "latest": "en", "home.html": "index.html"]
        for (name, destination) in links {
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent(name).path, withDestinationPath: destination)
        }
        return (site, outside)
    }

    /// One GET of `path` exactly as written, on a connection of its own.
    static func get(_ path: String, port: Int) throws -> RawHTTP.Answer {
        try RawHTTP.exchange(port: port, request: "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", answers: 1)[0]
    }

    /// The whole collector on a loopback port, serving `site`.
    private func withKiosk(_ site: URL, _ body: (any TestClientProtocol, Int) async throws -> Void) async throws {
        try await withCollector(configuration: Fixtures.configuration { $0.siteDirectory = site.path }, live: true) { client, _ in
            try await body(client, try XCTUnwrap(client.port))
        }
    }
}
