import CollectorKit
import Foundation
import Model
import XCTest

final class CredentialsTests: XCTestCase {
    func testCodesAreDistinctPassTheirCheckAndTheRollHoldsExactlyTheirKeys() throws {
        let batch = try CredentialBatch.generate(rollID: "city-2026", count: 300, workers: 3, randomBytes: Fixtures.counterRandom())
        XCTAssertEqual(batch.codes.count, 300)
        XCTAssertEqual(Set(batch.codes.map(\.data)).count, 300)
        for (code, key) in zip(batch.codes, batch.publicKeys) {
            let typed = try VotingCode(parsing: code.grouped.lowercased())
            XCTAssertEqual(typed, code)
            XCTAssertEqual(VotingKey(code: typed, rollID: "city-2026").publicKey, key)
        }
        let roll = try RollFile.parse(batch.roll.text)
        XCTAssertEqual(roll.rollID, "city-2026")
        XCTAssertEqual(Set(roll.publicKeys), Set(batch.publicKeys))
        XCTAssertEqual(roll.publicKeys.count, 300)
    }

    func testARepeatingRandomSourceStillGivesDistinctCodesOrStops() throws {
        let calls = Counter()
        let twice = try CredentialBatch.generate(rollID: "r", count: 3) { count in
            // 1, 1, 2, 2, 3, ...: every code is drawn twice in a row.
            Array(repeating: UInt8((calls.next() + 1) / 2), count: count)
        }
        XCTAssertEqual(Set(twice.codes).count, 3)
        XCTAssertThrowsError(try CredentialBatch.generate(rollID: "r", count: 2) { Array(repeating: 7, count: $0) }) {
            XCTAssertEqual($0 as? CredentialsError, .randomSourceRepeats)
        }
    }

    func testBadArgumentsAreRefusedWithTheOptionNamed() {
        let random = Fixtures.counterRandom()
        for (roll, count, expected) in [("city 2026", 1, CredentialsError.invalidRollID("city 2026")), ("", 1, .invalidRollID("")),
                                        ("city-2026", 0, .invalidCount(0)), ("city-2026", -5, .invalidCount(-5))] {
            XCTAssertThrowsError(try CredentialBatch.generate(rollID: roll, count: count, randomBytes: random)) { error in
                XCTAssertEqual(error as? CredentialsError, expected)
                XCTAssertTrue("\(error)".hasPrefix(roll == "city-2026" ? "--count" : "--roll"), "\(error)")
            }
        }
        XCTAssertNoThrow(try Fixtures.manifest.requireRoll("city-2026", path: "public/ballots.json"))
        XCTAssertThrowsError(try Fixtures.manifest.requireRoll("city-2025", path: "public/ballots.json")) { error in
            XCTAssertEqual(error as? CredentialsError, .rollNotInManifest("city-2025", manifest: "public/ballots.json", known: ["city-2026"]))
            XCTAssertTrue("\(error)".contains("its rolls are: city-2026"), "\(error)")
        }
    }

    func testTheFilesHoldTheRollTheCodesAndOneCardPerCodeAndAreNotOverwrittenByAccident() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("credentials-\(UUID().uuidString)").path
        let files = CredentialFiles(directory: directory)
        let batch = try CredentialBatch.generate(rollID: "city-2026", count: 20, randomBytes: Fixtures.counterRandom())
        let english = try XCTUnwrap(CardWords(Fixtures.messages, language: "en"))
        try files.write(batch, details: CardDetails(address: "https://consult.example.org/?a=1&b=<2>"), words: english, force: false)

        let roll = try String(contentsOfFile: files.path("roll.txt"), encoding: .utf8)
        XCTAssertEqual(roll, batch.roll.text)
        XCTAssertTrue(roll.hasPrefix("roll/v1 city-2026\n"))
        let csv = try String(contentsOfFile: files.path("codes.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.first, "code,public_key")
        XCTAssertEqual(csv.dropFirst().map(String.init), zip(batch.codes, batch.publicKeys).map { $0.grouped + "," + $1 })
        let html = try String(contentsOfFile: files.path("codes.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: "<section class=\"card\">").count - 1, 20)
        XCTAssertTrue(batch.codes.allSatisfy { html.contains("<p class=\"code\">\($0.grouped)</p>") })
        XCTAssertTrue(html.contains("Vote at https://consult.example.org/?a=1&amp;b=&lt;2&gt;"))
        XCTAssertTrue(html.contains("page-break-inside: avoid") && html.contains("size: A4"))
        let permissions = try FileManager.default.attributesOfItem(atPath: files.path("codes.csv"))[.posixPermissions] as? Int
        XCTAssertEqual(permissions, 0o600, "codes are secret")

        let other = try CredentialBatch.generate(rollID: "city-2026", count: 2, randomBytes: Fixtures.counterRandom())
        XCTAssertThrowsError(try files.write(other, details: CardDetails(), words: english, force: false)) { error in
            guard case .filesExist(let paths)? = error as? CredentialsError else { return XCTFail("\(error)") }
            XCTAssertEqual(paths, CredentialFiles.names.map(files.path))
            XCTAssertTrue("\(error)".contains("--force"))
        }
        XCTAssertEqual(try String(contentsOfFile: files.path("roll.txt"), encoding: .utf8), roll, "nothing was touched")
        try files.write(other, details: CardDetails(address: "https://consult.example.org/"), words: try XCTUnwrap(CardWords(Fixtures.messages, language: "fr-CA")), force: true)
        XCTAssertEqual(try RollFile.parse(String(contentsOfFile: files.path("roll.txt"), encoding: .utf8)).publicKeys.count, 2)
        let french = try String(contentsOfFile: files.path("codes.html"), encoding: .utf8)
        XCTAssertTrue(french.contains("<html lang=\"fr\" dir=\"ltr\">") && french.contains("Votez sur https://consult.example.org/"))
        XCTAssertEqual(french.components(separatedBy: "Votre code de vote").count - 1, 2)
        XCTAssertNil(CardWords(Fixtures.messages, language: "ja"), "the site has no Japanese")
    }

    /// Issue 21, point 9: every card says which consultation, where to vote and until when, from the manifest sitegen
    /// wrote, or as the teller gives them.
    func testCardsCarryTheConsultationTheFormsAddressAndItsDeadline() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var form = Fixtures.budget
        form.roll = "ward-2027"
        form.closes = try XCTUnwrap(ISO8601DateFormatter().date(from: "2027-02-28T23:00:00Z"))  // the whole of 28 February in Paris
        let manifest = try BallotManifest(site: "https://consult.example.org/", defaultLanguage: "fr", forms: [form],
                                          title: ["fr": "Ville de Lyon", "en": "City of Lyon"], timezone: "Europe/Paris",
                                          pages: [form.id: ["fr": "https://consult.example.org/fr/quartier-1/projets/",
                                                            "en": "https://consult.example.org/en/ward-1/projects/"]]).sealed()
        let path = try ThemeMessages.writeSite(manifest, in: directory)
        func cards(_ name: String, _ options: [String] = []) throws -> String {
            let out = directory.appendingPathComponent(name).path
            let run = try CommandLineRun(["credentials", "--roll", "ward-2027", "--count", "2", "--out", out, "--manifest", path] + options)
            XCTAssertEqual(run.status, 0, run.errors)
            return try String(contentsOfFile: out + "/codes.html", encoding: .utf8)
        }

        let french = try cards("fr", ["--language", "fr"])
        XCTAssertEqual(french.components(separatedBy: "<p class=\"title\">Ville de Lyon: Budget du quartier 1</p>").count - 1, 2)
        XCTAssertTrue(french.contains("<p class=\"site\">Votez sur https://consult.example.org/fr/quartier-1/projets/</p>"), french)
        XCTAssertTrue(french.contains("<p class=\"deadline\">Votez jusqu’au 28 février 2027</p>"), french)

        let english = try cards("en", ["--language", "en"])
        XCTAssertTrue(english.contains("<p class=\"title\">City of Lyon: Ward 1 budget</p>"), english)
        XCTAssertTrue(english.contains("Vote at https://consult.example.org/en/ward-1/projects/"), english)
        XCTAssertTrue(english.contains("<p class=\"deadline\">Vote until February 28, 2027</p>"), english)

        let given = try cards("given", ["--language", "en", "--title", "Ward 1 <budget>", "--site-url", "https://vote.example.org/w1",
                                        "--deadline", "Sunday 28 February, 8 pm"])
        XCTAssertTrue(given.contains("<p class=\"title\">Ward 1 &lt;budget&gt;</p>"), given)
        XCTAssertTrue(given.contains("Vote at https://vote.example.org/w1</p>"), given)
        XCTAssertTrue(given.contains("Vote until Sunday 28 February, 8 pm</p>"), given)
    }
}
