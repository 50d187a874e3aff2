@testable import CollectorKit
import Foundation
import Model
import XCTest

/// `Tests/Recount/recount.py`, written from docs/COUNTING.md alone, against the collector's own recount: the same
/// bytes from every honest bundle, and the same refusals of a tampered one.
final class SecondRecountTests: XCTestCase {
    static let script = CommandLineRun.repository.appendingPathComponent("Tests/Recount/recount.py").path

    static func pythonRecount(_ bundle: URL, out: URL) throws -> CommandLineRun {
        try CommandLineRun([script, bundle.path, "--out", out.path], executable: CommandLineRun.venvPython)
    }

    /// Runs both recounts of `bundle`; fails unless they agree with each other and with every published file.
    static func assertBothAgree(_ bundle: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let ours = TellerFixtures.temporaryDirectory()
        let (counts, notes) = try BundleRecount.run(bundle, out: ours)
        let theirs = TellerFixtures.temporaryDirectory()
        let python = try pythonRecount(bundle, out: theirs)
        XCTAssertEqual(python.status, 0, "recount.py: " + python.output + python.errors, file: file, line: line)
        XCTAssertEqual(python.errors.split(separator: "\n").filter { $0.hasPrefix("note: ") }.map { String($0.dropFirst(6)) }.sorted(), notes.sorted(),
                       "both recounts note the same", file: file, line: line)
        for count in counts {
            for suffix in [".json", ".answers.csv"] {
                let name = count.result.form + suffix
                let mine = FileManager.default.contents(atPath: ours.appendingPathComponent(name).path)
                XCTAssertEqual(FileManager.default.contents(atPath: theirs.appendingPathComponent(name).path), mine,
                               "recount.py wrote other bytes for \(name)", file: file, line: line)
            }
        }
    }

    func testBothRecountsGiveTheSameBytesForEveryKindAndRule() throws {
        let bundle = try RecountCorpus.publish()
        try Self.assertBothAgree(bundle)
        let results = try RecountCorpus.forms.map { form in
            try BallotManifest.decoder().decode(FormResult.self, from: Data(contentsOf: bundle.appendingPathComponent(form.id + "/result.json")))
        }
        // The corpus is worth recounting only if it reaches what it is meant to reach.
        XCTAssertEqual(Set(results.filter { $0.kind == .budget }.compactMap(\.rule)), Set(TallyRule.allCases.map(\.rawValue)))
        XCTAssertTrue(results.allSatisfy { $0.participation.rejected > 0 || $0.kind != .budget }, "every budget has ballots set aside")
        let petition = try XCTUnwrap(results.first { $0.kind == .petition })
        XCTAssertEqual(petition.signatures, 15)
        XCTAssertEqual(petition.thresholds.count, 2)
        XCTAssertNotNil(results.first { $0.kind == .opinion }?.opinionMap, "the opinion form is mapped")
        XCTAssertEqual(results.first { $0.kind == .survey }?.participation.valid, 8)
        let credentials = try XCTUnwrap(results.first { $0.form == CredentialFixtures.petition.id })
        XCTAssertEqual(credentials.signatures, 5, "five signers, one twice; none without a credential that holds")
        XCTAssertEqual(credentials.participation.submitted, 9)
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("school/survey/answers.csv").path))
    }

    /// An arrival a hair before the window's end, which exact decimals put inside and binary64 (docs/COUNTING.md 4.3)
    /// puts at the end, outside: both recounts must decide as the spec says.
    func testBothRecountsReadArrivalsAsBinary64() throws {
        let form = "city/greedy/vote"
        let folder = try RecountCorpus.publish().appendingPathComponent(form)
        let manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        let closes = try XCTUnwrap(manifest.form(form)?.closes)
        let lastSecond = UTCSecond.format(closes.addingTimeInterval(59))
        try Self.editLines(folder) { lines in
            let keys = lines.map { line in line.range(of: #""public_key":"[^"]*""#, options: .regularExpression).map { String(line[$0]) } }
            let at = try XCTUnwrap(lines.indices.first { at in
                lines[at].contains("\"verdict\":\"valid\"") && !lines[at].contains("also_received") && keys.filter { $0 == keys[at] }.count == 1
            })
            lines[at] = lines[at].replacingOccurrences(of: #""received_at":"[^"]*""#, with: "\"received_at\":\"" + lastSecond.dropLast() + ".9999999999Z\"",
                                                       options: .regularExpression)
                .replacingOccurrences(of: "\"verdict\":\"valid\"", with: "\"verdict\":\"outside_window\"")
        }
        let recount = TellerFixtures.temporaryDirectory()
        // The recount writes what the edited lines give, then refuses the result they no longer give.
        XCTAssertThrowsError(try BundleRecount.run(folder, out: recount))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("result.json"))
        try FileManager.default.copyItem(at: recount.appendingPathComponent(form + ".json"), to: folder.appendingPathComponent("result.json"))
        try Self.assertBothAgree(folder)
    }

    func testBothRecountsRefuseATamperedBundle() throws {
        let honest = try RecountCorpus.publish()
        let tampers: [(what: String, form: String, edit: (URL) throws -> Void)] = [
            ("a changed choice", "city/add1/vote", { folder in
                try Self.editLines(folder) { lines in
                    let valid = try XCTUnwrap(lines.firstIndex { $0.contains("\"verdict\":\"valid\"") })
                    lines[valid] = lines[valid].replacingOccurrences(of: "\\nchoices=", with: "\\nchoices=p9,")
                }
            }),
            ("a changed count", "house/trains/sign", { folder in
                try Self.replace(in: folder.appendingPathComponent("result.json"), "\"signatures\": 15", with: "\"signatures\": 16")
            }),
            ("a removed valid ballot", "data/ideas/supports", { folder in
                try Self.editLines(folder) { lines in lines.remove(at: try XCTUnwrap(lines.firstIndex { $0.contains("\"verdict\":\"valid\"") })) }
            }),
            ("an edited rule", "city/greedy/vote", { folder in
                try Self.replace(in: folder.appendingPathComponent("manifest.json"), "\"greedy\"", with: "\"greedy-no-skip\"")
            }),
            ("a number beyond a double", "school/survey", { folder in
                try Self.replace(in: folder.appendingPathComponent("bundle.json"), "\"tolerance\": 60", with: "\"tolerance\": 1e999")
            }),
            ("a member named twice", "data/ideas/supports", { folder in
                try Self.editLines(folder) { lines in lines[0] = lines[0].replacingOccurrences(of: "{\"", with: "{\"verdict\":\"valid\",\"") }
            }),
            ("a receipt that is no string of scalars", "data/ideas/supports", { folder in
                try Self.editLines(folder) { lines in lines[0] = lines[0].replacingOccurrences(of: "\"receipt\":\"", with: "\"receipt\":\"\\ud800") }
            }),
            ("a document that is a link out of the bundle", "city/points/vote", { folder in
                let counting = folder.appendingPathComponent("COUNTING.md")
                let outside = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("COUNTING.md")
                try FileManager.default.moveItem(at: counting, to: outside)
                try FileManager.default.createSymbolicLink(at: counting, withDestinationURL: outside)
            }),
            ("a ballot without a credential marked valid, the count raised to match", "house/anon/sign", { folder in
                try Self.editLines(folder) { lines in
                    let missing = try XCTUnwrap(lines.firstIndex { $0.contains("\"verdict\":\"bad_credential\"") && !$0.contains("credential=") })
                    lines[missing] = lines[missing].replacingOccurrences(of: "\"verdict\":\"bad_credential\"", with: "\"verdict\":\"valid\"")
                }
                try Self.replace(in: folder.appendingPathComponent("result.json"), "\"signatures\": 5", with: "\"signatures\": 6")
            }),
            ("an edited spec", "school/talk/opinions", { folder in
                try Self.replace(in: folder.appendingPathComponent("COUNTING.md"), "MUST", with: "MAY", once: true)
            }),
        ]
        for tamper in tampers {
            let bundle = TellerFixtures.temporaryDirectory()
            try FileManager.default.removeItem(at: bundle)
            try FileManager.default.copyItem(at: honest, to: bundle)
            let folder = bundle.appendingPathComponent(tamper.form)
            try tamper.edit(folder)
            XCTAssertThrowsError(try BundleRecount.run(folder, out: TellerFixtures.temporaryDirectory()), tamper.what)
            let python = try Self.pythonRecount(folder, out: TellerFixtures.temporaryDirectory())
            XCTAssertEqual(python.status, 1, "recount.py accepted \(tamper.what): " + python.output + python.errors)
            XCTAssertTrue((python.output + python.errors).contains(folder.path), "recount.py names the folder for \(tamper.what): \(python.output + python.errors)")
        }
    }

    private static func editLines(_ folder: URL, _ edit: (inout [String]) throws -> Void) throws {
        let file = folder.appendingPathComponent("ballots.jsonl")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        try edit(&lines)
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    private static func replace(in file: URL, _ old: String, with new: String, once: Bool = false) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let range = text.range(of: old) else { throw TellerError("\(file.path): no `\(old)` to tamper with") }
        try (once ? text.replacingCharacters(in: range, with: new) : text.replacingOccurrences(of: old, with: new))
            .write(to: file, atomically: true, encoding: .utf8)
    }
}
