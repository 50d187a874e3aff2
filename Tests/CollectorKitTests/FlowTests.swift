@testable import CollectorKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Model
@testable import SiteKit
import XCTest

/// A whole vote: the site's manifest, keys and a roll, signed ballots posted to two live collectors by the
/// script's JSON path and the no-JS form path, import, verify, tally, results on the site, the audit bundle.
final class FlowTests: XCTestCase {
    private static let site = """
    -- content/site.yaml --
    title:
      en: Flow City
    base_url: https://example.org/
    collector_url: https://vote.example.org/
    default_language: en
    languages:
      - code: en
        name: English
    -- content/_index.en.md --
    ---
    title: Home
    ---
    -- content/city/_index.en.md --
    ---
    title: Ward 9
    kind: budget
    phases:
      - id: voting
        title: Voting
        start: 2026-01-01
        end: 2035-12-31
        actions: [vote]
    ---
    -- content/city/projects/_index.en.md --
    ---
    title: Projects
    component: budget
    total: 1000
    currency: EUR
    max_projects: 2
    roll: flow-roll
    tally: greedy
    ---
    -- content/city/projects/trees.en.md --
    ---
    title: Street trees
    cost: 600
    ---
    -- content/city/projects/bins.en.md --
    ---
    title: Recycling bins
    cost: 300
    ---
    -- content/city/projects/mural.en.md --
    ---
    title: A mural
    cost: 500
    ---
    -- content/house/_index.en.md --
    ---
    title: Petitions
    kind: petitions
    component: petitions
    phases:
      - id: open
        title: Open
        start: 2026-01-01
        end: 2035-12-31
        actions: [sign]
    thresholds:
      - count: 2
        consequence: The committee examines it.
    identity_fields:
      - id: name
        label: Your name
      - id: email
        kind: email
        label: Your email
    ---
    -- content/house/trains.en.md --
    ---
    title: Night trains
    ---
    """

    private func build(_ root: URL, at now: Date = Date()) throws {
        var options = BuildOptions(contentDirectory: root.appendingPathComponent("content"), outputDirectory: root.appendingPathComponent("public"))
        options.runPagefind = false
        options.now = now
        _ = try SiteBuilder(options: options).build()
    }

    private func post(_ port: Int, path: String, contentType: String, body: Data) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, data)
    }

    /// The signed body posted, and the collector's answer, which a participant's page keeps.
    private func vote(_ port: Int, key: VotingKey, choices: [String], nonce: UInt8) async throws -> (body: [String: String], answer: Data) {
        let ballot = CanonicalBallot(form: "city/projects/vote", items: choices.map { BallotItem($0) }, nonce: [UInt8](repeating: nonce, count: 16),
                                     issued: Date())
        let body = ["form": "city/projects/vote", "ballot": ballot.text, "public_key": key.publicKey, "signature": key.sign(ballot)]
        let (status, data) = try await post(port, path: "/v1/submissions", contentType: "application/json",
                                            body: try JSONSerialization.data(withJSONObject: body))
        XCTAssertEqual(status, 201, String(decoding: data, as: UTF8.self))
        return (body, data)
    }

    private func sign(_ port: Int, name: String, email: String) async throws {
        let body = "identity.name=\(name)&identity.email=\(email.replacingOccurrences(of: "@", with: "%40"))&lang=en"
        let (status, data) = try await post(port, path: "/v1/forms/house/trains/sign", contentType: "application/x-www-form-urlencoded",
                                            body: Data(body.utf8))
        XCTAssertEqual(status, 201, String(decoding: data, as: UTF8.self))
    }

    func testAVoteFromKeysToPublishedResults() async throws {
        let root = TellerFixtures.temporaryDirectory()
        try TellerFixtures.writeFiles(Self.site, under: root)
        try build(root)
        let manifest = root.appendingPathComponent("public/ballots.json").path
        let voters = (1...5).map { TellerFixtures.key(UInt8(100 + $0)) }
        let roll = root.appendingPathComponent("roll.txt")
        try RollFile(rollID: "flow-roll", publicKeys: voters.dropLast().map(\.publicKey)).text.write(to: roll, atomically: true, encoding: .utf8)

        let dbA = root.appendingPathComponent("a.sqlite").path, dbB = root.appendingPathComponent("b.sqlite").path
        let a = try CollectorProcess(arguments: ["--manifest", manifest, "--db", dbA, "--collector-id", "a", "--rate-limit", "0"])
        let b = try CollectorProcess(arguments: ["--manifest", manifest, "--db", dbB, "--collector-id", "b", "--rate-limit", "0"])
        let both = try await vote(a.port, key: voters[0], choices: ["trees", "bins"], nonce: 1).body
        _ = try await post(b.port, path: "/v1/submissions", contentType: "application/json", body: try JSONSerialization.data(withJSONObject: both))
        let held = root.appendingPathComponent("held.json")
        try await vote(a.port, key: voters[1], choices: ["trees"], nonce: 2).answer.write(to: held)
        _ = try await vote(b.port, key: voters[2], choices: ["mural", "bins"], nonce: 3)
        _ = try await vote(b.port, key: voters[3], choices: ["bins"], nonce: 4)
        let offRoll = root.appendingPathComponent("held-off-roll.json")
        try await vote(b.port, key: voters[4], choices: ["mural"], nonce: 5).answer.write(to: offRoll)
        try await sign(a.port, name: "Ann", email: "ann@example.org")
        try await sign(b.port, name: "Bo", email: "bo@example.org")
        try await sign(b.port, name: "ann", email: "ANN@example.org")
        for collector in [a, b] {
            collector.kill(SIGTERM)
            XCTAssertEqual(collector.wait(), 0)
        }

        let all = root.appendingPathComponent("all.sqlite").path
        let imported = try CommandLineRun(["import", dbA, dbB, "--into", all])
        XCTAssertEqual(imported.status, 0, imported.errors)
        XCTAssertEqual(imported.output, "\(dbA): 3 new, 0 duplicate, 0 conflicting, 3 log entries, 1 signed heads checked\n"
                       + "\(dbB): 5 new, 1 duplicate, 0 conflicting, 6 log entries, 1 signed heads checked\n", "each collector signed its log as it stopped")

        let teller = ["--db", all, "--manifest", manifest, "--roll", roll.path]
        let report = root.appendingPathComponent("report.json").path
        let verified = try CommandLineRun(["verify"] + teller + ["--report", report])
        XCTAssertEqual(verified.status, 0, verified.errors)
        XCTAssertTrue(verified.output.contains("city/projects/vote: 5 submitted, 4 valid; rejected: 1 key_not_in_roll"), verified.output)
        XCTAssertTrue(verified.output.contains("house/trains/sign: 3 submitted, 2 valid; rejected: 1 duplicate_identity"), verified.output)

        let results = root.appendingPathComponent("content/_results").path
        let tallied = try CommandLineRun(["tally"] + teller + ["--out", results, "--audit-url", "audit/"])
        XCTAssertEqual(tallied.status, 0, tallied.errors)
        XCTAssertTrue(tallied.output.hasPrefix("used the stored verdicts"), tallied.output)
        let bundles = root.appendingPathComponent("content/_audit")
        let published = try CommandLineRun(["publish"] + teller + ["--out", bundles.path, "--audit-url", "audit/"])
        XCTAssertEqual(published.status, 0, published.errors)
        // Published once the vote has closed (its last day is 2035-12-31): a result waits for its form to close.
        try build(root, at: Date(timeIntervalSince1970: 2_082_844_800))  // 2036-01-02
        // The site carries the bundles: what follows recounts the published copy, not the tellers' folder.
        let audit = root.appendingPathComponent("public/audit")
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: audit.path).sorted(),
                       try FileManager.default.subpathsOfDirectory(atPath: bundles.path).sorted())
        let honest = root.appendingPathComponent("honest-audit")
        try FileManager.default.copyItem(at: audit, to: honest)

        let vote = try BallotManifest.decoder().decode(FormResult.self, from: Data(contentsOf: URL(fileURLWithPath: results + "/city/projects/vote.json")))
        // trees 2, bins 3, mural 1: bins (300) then trees (600) fit in 1000; the mural (500) does not.
        XCTAssertEqual(vote.options.map { "\($0.id) \($0.votes) \($0.selected!)" }.sorted(), ["bins 3 true", "mural 1 false", "trees 2 true"])
        let page = try String(contentsOf: root.appendingPathComponent("public/en/city/projects/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<th scope=\"row\">Recycling bins</th><td>3</td>"), String(page.prefix(4000)))
        XCTAssertTrue(page.contains("href=\"/audit/city/projects/vote/\""), "the result links its audit bundle")
        let petition = try String(contentsOf: root.appendingPathComponent("public/en/house/trains/index.html"), encoding: .utf8)
        XCTAssertTrue(petition.contains("data-count=\"2\""), String(petition.prefix(4000)))

        let recount = root.appendingPathComponent("recount")
        let again = try CommandLineRun(["tally", "--bundle", audit.path, "--out", recount.path])
        XCTAssertEqual(again.status, 0, again.errors)
        for form in ["city/projects/vote", "house/trains/sign"] {
            XCTAssertEqual(try Data(contentsOf: recount.appendingPathComponent(form + ".json")),
                           try Data(contentsOf: URL(fileURLWithPath: results + "/" + form + ".json")), form)
        }
        try SecondRecountTests.assertBothAgree(audit)
        let keys = try ["a", "b"].flatMap { ["--key", try LogKey(file: root.appendingPathComponent("\($0).log-key").path, randomBytes: { _ in [] }).publicKeyText] }
        let signed = try CommandLineRun(["tally", "--bundle", audit.path, "--out", TellerFixtures.temporaryDirectory().path] + keys)
        XCTAssertEqual(signed.status, 0, signed.errors)
        XCTAssertFalse(signed.output.contains("note: log"), "every log is named by a key: \(signed.output)")
        XCTAssertTrue(signed.output.contains("note: form city/projects/vote counts the 4 keys of roll flow-roll in"), signed.output)
        let oneKey = try CommandLineRun(["tally", "--bundle", audit.path, "--out", TellerFixtures.temporaryDirectory().path, "--key", keys[1]])
        XCTAssertTrue(oneKey.errors.contains("log \(keys[3]) is not named by any collector key given"), oneKey.errors)
        let pythonOneKey = try CommandLineRun([SecondRecountTests.script, audit.path, "--out", TellerFixtures.temporaryDirectory().path,
                                               "--key", keys[1]], executable: CommandLineRun.venvPython)
        XCTAssertTrue(pythonOneKey.status == 1 && pythonOneKey.output.contains("log \(keys[3]) is not named by any collector key given"),
                      pythonOneKey.output + pythonOneKey.errors)
        // One key in 64 starts with "-": both recounts must read it as the key, not as an option.
        let dashKey = "-" + String(repeating: "A", count: 42)
        let dashLed = try CommandLineRun(["tally", "--bundle", audit.path, "--out", TellerFixtures.temporaryDirectory().path] + keys + ["--key", dashKey])
        XCTAssertTrue(dashLed.errors.contains("no log of collector key \(dashKey)"), dashLed.errors)
        let pythonDashLed = try CommandLineRun([SecondRecountTests.script, audit.path, "--out", TellerFixtures.temporaryDirectory().path]
                                               + keys + ["--key", dashKey], executable: CommandLineRun.venvPython)
        XCTAssertTrue(pythonDashLed.status == 1 && pythonDashLed.output.contains("no log of collector key \(dashKey)"),
                      pythonDashLed.output + pythonDashLed.errors)
        let dashReceipt = try CommandLineRun(["audit", "receipt", "--bundle", audit.path, "--key", dashKey, held.path])
        XCTAssertFalse(dashReceipt.errors.contains("Missing value"), dashReceipt.errors)
        let counted = try CommandLineRun(["audit", "receipt", "--bundle", audit.path] + keys + [held.path])
        XCTAssertEqual(counted.status, 0, counted.output + counted.errors)
        XCTAssertEqual(counted.output, "counted: form city/projects/vote lists the ballot as valid\n")
        let unsigned = try CommandLineRun(["audit", "receipt", "--bundle", audit.path, "--key", keys[3], held.path])
        XCTAssertTrue(unsigned.errors.contains("no --key given signed its head"), "a's answer checked with b's key only: \(unsigned.errors)")
        let setAside = try CommandLineRun(["audit", "receipt", "--bundle", audit.path] + keys + [offRoll.path])
        XCTAssertEqual(setAside.output, "set aside: form city/projects/vote lists the ballot as key_not_in_roll (the key is not on roll `flow-roll`)\n",
                       setAside.errors)
        try checkTheLogsHoldTheBallots(audit)
        let dropped = try CommandLineRun(["audit", "receipt", "--bundle", audit.path] + keys + [offRoll.path])
        XCTAssertEqual(dropped.status, 1)
        XCTAssertTrue(dropped.output.hasPrefix("DROPPED"), dropped.output + dropped.errors)

        // A publisher who rewrites an earlier entry of the log (and its root in the index) publishes another log than
        // the one the collector signed: the held answer's head says so.
        let receipt = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: held)) as? [String: Any])["receipt"] as! String
        let logs = audit.appendingPathComponent("logs")
        let file = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: logs.path).first { name in
            name.hasSuffix(".jsonl") && (try? String(contentsOf: logs.appendingPathComponent(name), encoding: .utf8))?.contains(receipt) == true
        })
        var entries = try String(contentsOf: logs.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").map(String.init)
        entries[0] = entries[0].replacingOccurrences(of: "\"received_ms\":", with: "\"received_ms\":1")
        try (entries.joined(separator: "\n") + "\n").write(to: logs.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let forked = try CommandLineRun(["audit", "receipt", "--bundle", audit.path] + keys + [held.path])
        XCTAssertEqual(forked.status, 1)
        XCTAssertTrue(forked.output.hasPrefix("FORKED"), forked.output + forked.errors)
        try checkTheSignedHeadsHoldTheLog(audit, file: file)
        try checkAPublisherCannotHideABallot(honest, keys: keys, held: held)
    }

    /// What a dishonest publisher tried (an auditor's review): each tampered copy of the honest bundle is refused by
    /// both recounts with the collectors' keys, and the held answer is not reported counted.
    private func checkAPublisherCannotHideABallot(_ honest: URL, keys: [String], held: URL) throws {
        let answer = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: held)) as? [String: Any])
        let receipt = answer["receipt"] as! String, form = answer["form"] as! String
        func editHeld(_ bundle: URL, _ edit: (String) -> String?) throws {
            let ballots = bundle.appendingPathComponent(form + "/ballots.jsonl")
            let lines = try String(contentsOf: ballots, encoding: .utf8).split(separator: "\n").map(String.init).compactMap { $0.contains(receipt) ? edit($0) : $0 }
            try (lines.joined(separator: "\n") + "\n").write(to: ballots, atomically: true, encoding: .utf8)
            // The publisher writes the result the edited list gives, so only the logs can tell.
            let recount = TellerFixtures.temporaryDirectory()
            _ = try CommandLineRun(["tally", "--bundle", bundle.appendingPathComponent(form).path, "--out", recount.path])
            let result = bundle.appendingPathComponent(form + "/result.json")
            try FileManager.default.removeItem(at: result)
            try FileManager.default.copyItem(at: recount.appendingPathComponent(form + ".json"), to: result)
        }
        func dropHeld(_ bundle: URL) throws { try editHeld(bundle) { _ in nil } }
        let zeroSignature = String(repeating: "A", count: 86)
        let zeroReceipt = SignedBallot.receipt(ofSignature: [UInt8](repeating: 0, count: 64))
        func rewriteIndex(_ bundle: URL, _ change: (inout [BundleLogs.Listed]) -> Void) throws {
            let file = bundle.appendingPathComponent("logs/index.json")
            var index = try BundleFormat.decoder().decode([BundleLogs.Listed].self, from: Data(contentsOf: file))
            change(&index)
            try ResultFiles.json(index).write(to: file)
        }
        let attacks: [(what: String, recountFrom: String, expect: String, tamper: (URL) throws -> Void)] = [
            ("a decoy copy of the form elsewhere", "", "keeps each form's folder at its id", { bundle in
                try FileManager.default.copyItem(at: bundle.appendingPathComponent(form), to: bundle.appendingPathComponent("archive/draft"))
                try dropHeld(bundle)
            }),
            ("the logs left out", "", "no logs/index.json", { bundle in
                try FileManager.default.removeItem(at: bundle.appendingPathComponent("logs"))
                try dropHeld(bundle)
            }),
            ("one collector's log left out", "", "no log of collector key", { bundle in
                try rewriteIndex(bundle) { index in index.removeAll { $0.log == keys[1] } }
                try dropHeld(bundle)
            }),
            ("a log's signed heads left out", "", "under no head its collector signed", { bundle in
                try rewriteIndex(bundle) { index in for at in index.indices { index[at].heads = [] } }
            }),
            ("a log line spelt another way", "", "as canonical JSON", { bundle in
                let logs = bundle.appendingPathComponent("logs")
                let file = logs.appendingPathComponent("1.jsonl")
                let text = try String(contentsOf: file, encoding: .utf8)
                try text.replacingOccurrences(of: "\"index\":0,", with: "\"index\":0.0,").write(to: file, atomically: true, encoding: .utf8)
            }),
            ("a recount started above the bundle", "..", "the ballot was dropped", { bundle in try dropHeld(bundle) }),
            ("a logged ballot's text changed, to be set aside", "", "are not what any collector logged under its receipt", { bundle in
                try editHeld(bundle) { line in
                    line.replacingOccurrences(of: "\\nchoices=", with: "\\nchoices=mural,")
                        .replacingOccurrences(of: #""verdict":"valid""#, with: #""verdict":"bad_signature""#)
                }
            }),
            ("a logged ballot's signature swapped, to be set aside", "", "is not the one its receipt hashes", { bundle in
                try editHeld(bundle) { line in
                    line.replacingOccurrences(of: #""signature":"[^"]*""#, with: "\"signature\":\"\(zeroSignature)\"", options: .regularExpression)
                        .replacingOccurrences(of: #""verdict":"valid""#, with: #""verdict":"bad_signature""#)
                }
            }),
            ("a ballot no collector received, set aside to swell the count", "", "is listed but in no collector's log", { bundle in
                let ballots = bundle.appendingPathComponent(form + "/ballots.jsonl")
                var lines = try String(contentsOf: ballots, encoding: .utf8).split(separator: "\n").map(String.init)
                let held = try XCTUnwrap(lines.first { $0.contains(receipt) })
                lines.append(held.replacingOccurrences(of: receipt, with: zeroReceipt)
                    .replacingOccurrences(of: #""signature":"[^"]*""#, with: "\"signature\":\"\(zeroSignature)\"", options: .regularExpression)
                    .replacingOccurrences(of: #""verdict":"valid""#, with: #""verdict":"bad_signature""#))
                lines.sort { line, other in
                    let receiptOf = { (text: String) in text.range(of: #""receipt":"[0-9a-f]{64}""#, options: .regularExpression).map { String(text[$0]) } ?? "" }
                    return receiptOf(line) < receiptOf(other)
                }
                try (lines.joined(separator: "\n") + "\n").write(to: ballots, atomically: true, encoding: .utf8)
                try editHeld(bundle) { $0 }
            }),
            ("an arrival moved past the window", "", "an arrival time the collectors never recorded", { bundle in
                try editHeld(bundle) { line in
                    line.replacingOccurrences(of: #""received_at":"[^"]*""#, with: #""received_at":"2036-01-01T00:01:00.000Z""#, options: .regularExpression)
                        .replacingOccurrences(of: #""verdict":"valid""#, with: #""verdict":"outside_window""#)
                }
            }),
        ]
        for attack in attacks {
            let bundle = TellerFixtures.temporaryDirectory().appendingPathComponent("audit")
            try FileManager.default.copyItem(at: honest, to: bundle)
            try attack.tamper(bundle)
            let from = attack.recountFrom.isEmpty ? bundle : bundle.deletingLastPathComponent()
            let swift = try CommandLineRun(["tally", "--bundle", from.path, "--out", TellerFixtures.temporaryDirectory().path] + keys)
            XCTAssertTrue(swift.status != 0 && swift.errors.contains(attack.expect), "\(attack.what): \(swift.output + swift.errors)")
            let python = try CommandLineRun([SecondRecountTests.script, from.path, "--out", TellerFixtures.temporaryDirectory().path]
                                            + keys, executable: CommandLineRun.venvPython)
            XCTAssertTrue(python.status == 1 && (python.output + python.errors).contains(attack.expect), "\(attack.what): \(python.output + python.errors)")
        }
    }

    /// A publisher who rewrites a log and writes the rewritten log's root into the index leaves only the collector's
    /// signed head to tell: both recounts hold the log to it.
    private func checkTheSignedHeadsHoldTheLog(_ audit: URL, file: String) throws {
        let indexFile = audit.appendingPathComponent("logs/index.json")
        var index = try BundleFormat.decoder().decode([BundleLogs.Listed].self, from: Data(contentsOf: indexFile))
        let at = try XCTUnwrap(index.firstIndex { $0.file == file })
        let entries = try BundleLogs.entries(audit.appendingPathComponent("logs"), file)
        index[at].rootHash = MerkleTree(leafHashes: entries.map(\.leafHash)).rootHash(treeSize: UInt64(entries.count))!.hex
        try ResultFiles.json(index).write(to: indexFile)
        let swift = try CommandLineRun(["tally", "--bundle", audit.path, "--out", TellerFixtures.temporaryDirectory().path])
        XCTAssertTrue(swift.status != 0 && swift.errors.contains("signed at") && swift.errors.contains("does not hold")
                      && swift.errors.contains("the log was rewritten"), swift.errors)
        XCTAssertFalse(swift.errors.contains("but \(indexFile.path) says"), "the index's own root agrees now: \(swift.errors)")
        let python = try SecondRecountTests.pythonRecount(audit, out: TellerFixtures.temporaryDirectory())
        XCTAssertTrue(python.status == 1 && python.output.contains("does not hold") && python.output.contains("the log was rewritten"),
                      python.output + python.errors)
    }

    /// The bundle carries both collectors' logs, and a ballot the publisher leaves out is found by both recounts,
    /// though no result changes: the log holds its receipt.
    /// With its roll given (`serve --roll`), a collector refuses a code that is not on it at once, in the page's words,
    /// and stores the ones that are; a roll no form votes with, or one that is not a roll file, stops it at start.
    func testACollectorGivenTheRollRefusesACodeNotOnItAtOnce() async throws {
        let root = TellerFixtures.temporaryDirectory()
        try TellerFixtures.writeFiles(Self.site, under: root)
        try build(root)
        let manifest = root.appendingPathComponent("public/ballots.json").path
        let voters = (1...2).map { TellerFixtures.key(UInt8(120 + $0)) }
        let roll = root.appendingPathComponent("roll.txt")
        try RollFile(rollID: "flow-roll", publicKeys: [voters[0].publicKey]).text.write(to: roll, atomically: true, encoding: .utf8)
        let db = root.appendingPathComponent("c.sqlite").path
        let collector = try CollectorProcess(arguments: ["--manifest", manifest, "--db", db, "--rate-limit", "0", "--roll", roll.path])
        _ = try await vote(collector.port, key: voters[0], choices: ["trees"], nonce: 1)
        let ballot = CanonicalBallot(form: "city/projects/vote", items: [BallotItem("bins")], nonce: [UInt8](repeating: 2, count: 16), issued: Date())
        let body = ["form": "city/projects/vote", "ballot": ballot.text, "public_key": voters[1].publicKey, "signature": voters[1].sign(ballot)]
        let (status, data) = try await post(collector.port, path: "/v1/submissions", contentType: "application/json",
                                            body: try JSONSerialization.data(withJSONObject: body))
        XCTAssertEqual(status, 422, String(decoding: data, as: UTF8.self))
        let error = try XCTUnwrap((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "key_not_in_roll")
        XCTAssertEqual(error["field"] as? String, "public_key")
        XCTAssertEqual(error["message"] as? String, Fixtures.messages.message(.keyNotInRoll, language: "en"))
        collector.kill(SIGTERM)
        XCTAssertEqual(collector.wait(), 0)
        let stored = try CollectorDatabase.openForReading(db).rows("SELECT public_key FROM submissions").compactMap { $0[0] }
        XCTAssertEqual(stored, [voters[0].publicKey], "the code on the roll is stored, the other is not")

        let other = root.appendingPathComponent("other-roll.txt")
        try RollFile(rollID: "school-2027", publicKeys: [voters[1].publicKey]).text.write(to: other, atomically: true, encoding: .utf8)
        let broken = root.appendingPathComponent("broken-roll.txt")
        try "roll/v1 flow-roll\nnot-a-key".write(to: broken, atomically: true, encoding: .utf8)
        for (file, words) in [(other, "roll `school-2027` is not the roll of any form in \(manifest) (its forms vote with `flow-roll`)"),
                              (broken, "--roll \(broken.path): line 2: not a public key")] {
            let run = try CommandLineRun(["serve", "--manifest", manifest, "--db", root.appendingPathComponent("d.sqlite").path, "--port", "0",
                                          "--roll", file.path], timeout: 30)
            XCTAssertNotEqual(run.status, 0)
            XCTAssertTrue(run.errors.contains(words), run.errors)
        }
    }

    private func checkTheLogsHoldTheBallots(_ audit: URL) throws {
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: audit.appendingPathComponent("logs/index.json"))) as! [[String: Any]]
        XCTAssertEqual(index.count, 2, "one log per collector")
        XCTAssertEqual(index.map { $0["size"] as! Int }.reduce(0, +), 9, "every row each collector stored")
        let ballots = audit.appendingPathComponent("city/projects/vote/ballots.jsonl")
        var lines = try String(contentsOf: ballots, encoding: .utf8).split(separator: "\n").map(String.init)
        let setAside = try XCTUnwrap(lines.firstIndex { !$0.contains("\"verdict\":\"valid\"") }, "the flow sets a ballot aside")
        let receipt = try XCTUnwrap(lines[setAside].range(of: #"receipt":"[0-9a-f]{64}"#, options: .regularExpression)).upperBound
        let dropped = String(lines[setAside][lines[setAside].index(receipt, offsetBy: -64)..<receipt])
        lines.remove(at: setAside)
        try (lines.joined(separator: "\n") + "\n").write(to: ballots, atomically: true, encoding: .utf8)
        // The publisher also writes the result its shortened list gives (one ballot fewer set aside): the forms agree.
        let rewritten = TellerFixtures.temporaryDirectory()
        _ = try CommandLineRun(["tally", "--bundle", audit.path, "--out", rewritten.path])
        let result = audit.appendingPathComponent("city/projects/vote/result.json")
        try FileManager.default.removeItem(at: result)
        try FileManager.default.copyItem(at: rewritten.appendingPathComponent("city/projects/vote.json"), to: result)
        let swift = try CommandLineRun(["tally", "--bundle", audit.path, "--out", TellerFixtures.temporaryDirectory().path])
        XCTAssertFalse(swift.errors.contains("the published result is not what its ballots give"), swift.errors)
        XCTAssertNotEqual(swift.status, 0)
        XCTAssertTrue(swift.errors.contains("receipt \(dropped) is in log") && swift.errors.contains("the ballot was dropped"), swift.errors)
        let python = try SecondRecountTests.pythonRecount(audit, out: TellerFixtures.temporaryDirectory())
        XCTAssertEqual(python.status, 1, python.output + python.errors)
        XCTAssertTrue((python.output + python.errors).contains(dropped), python.output + python.errors)
    }
}
