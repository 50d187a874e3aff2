@testable import CollectorKit
import Foundation
import Model
import XCTest

/// `collector tally --pabulib` on the ten real elections, and `export --pabulib` read back by pabutools.
final class PabulibCommandTests: XCTestCase {
    /// `../shared/data/pabulib` beside the repository.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/pabulib")

    private func files() throws -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path)) ?? []
        let files = names.filter { $0.hasSuffix(".pb") }.sorted().map { Self.folder.appendingPathComponent($0) }
        guard !files.isEmpty else { throw XCTSkip("no Pabulib sample folder at \(Self.folder.path)") }
        return files
    }

    func testAutoReproducesTheOfficialSelectionOfEveryFile() throws {
        for file in try files() {
            let run = try CommandLineRun(["tally", "--pabulib", file.path])
            XCTAssertEqual(run.status, 0, run.errors)
            let json = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as! [String: Any]
            let election = try PBElection(pabulibText: String(contentsOf: file, encoding: .utf8))
            XCTAssertEqual(Set(json["selected"] as! [String]), Set(election.officiallySelected), file.lastPathComponent)
            XCTAssertEqual((json["selected"] as! [String]).count, election.officiallySelected.count, file.lastPathComponent)
            XCTAssertNotNil(json["cost"] as? NSNumber)
        }
    }

    func testAnExplicitRuleIsUsedAndABadFileIsNamed() throws {
        let wroclaw = try files().first { $0.lastPathComponent == "Poland_Wroclaw_2024.pb" }!
        let greedy = try CommandLineRun(["tally", "--pabulib", wroclaw.path, "--rule", "greedy"])
        let noSkip = try CommandLineRun(["tally", "--pabulib", wroclaw.path, "--rule", "greedy-no-skip"])
        let selected = { (run: CommandLineRun) in (try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as! [String: Any])["selected"] as! [String] }
        // The notes on the files: plain greedy adds 105 and 219 to Wrocław's official no-skip outcome.
        XCTAssertEqual(Set(try selected(greedy)).subtracting(try selected(noSkip)), ["105", "219"])

        let broken = TellerFixtures.temporaryDirectory().appendingPathComponent("broken.pb")
        try "META\nkey;value\nbudget;x\n".write(to: broken, atomically: true, encoding: .utf8)
        let run = try CommandLineRun(["tally", "--pabulib", broken.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.errors.hasPrefix("error: \(broken.path)"), run.errors)
    }

    func testExportedBallotsAreReadByPabutoolsWithTheSameWinners() throws {
        var form = Fixtures.budget
        // Equal Shares with Add1 steps one currency unit per voter at a time: costs in thousands keep the steps few.
        form.options = form.options.map { option in
            var small = option
            small.cost = option.cost! / 1000
            return small
        }
        form.tally = TallySettings(rule: .equalSharesAdd1, total: 1000)
        form.constraints.maxChoices = 3
        form.constraints.budget = nil
        let voters = (1...6).map { TellerFixtures.key(UInt8($0)) }
        let picks = [["park-benches", "bike-lanes"], ["library-roof"], ["library-roof", "park-benches"], ["bike-lanes"], ["bike-lanes"], []]
        let records = zip(voters, picks).enumerated().map { index, pair in
            TellerFixtures.record(form, pair.1.map { BallotItem($0) }, key: pair.0, nonce: UInt8(index))
        }
        let directory = TellerFixtures.temporaryDirectory()
        let db = try TellerFixtures.database(records, in: directory)
        let inputs = try TellerFixtures.inputs([form], rolls: [RollFile(rollID: "city-2026", publicKeys: voters.map(\.publicKey))])
        let (manifest, rolls) = try TellerFixtures.files(inputs, in: directory)
        let pb = directory.appendingPathComponent("ward-1.pb")
        let run = try CommandLineRun(["export", "--pabulib", "--form", form.id, "--db", db, "--manifest", manifest, "--roll", rolls[0], "--out", pb.path])
        XCTAssertEqual(run.status, 0, run.errors)

        let election = try PBElection(pabulibText: String(contentsOf: pb, encoding: .utf8))
        XCTAssertEqual(election.voters.count, 6)
        let ours = try election.tally().selected
        let (verification, _) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        let count = try TallyRun.count(verification, inputs: inputs, stamp: CountStamp(countedAt: Fixtures.now))[0]
        XCTAssertEqual(Set(ours), Set(count.result.options.filter { $0.selected == true }.map(\.id)))

        let check = try CommandLineRun(["-c", """
            import sys
            from pabutools.election import parse_pabulib, Cost_Sat
            from pabutools.rules import method_of_equal_shares
            instance, profile = parse_pabulib(sys.argv[1])
            print(len(profile), ",".join(sorted(p.name for p in instance)))
            """, pb.path], executable: CommandLineRun.venvPython)
        // A missing install fails here rather than skipping: scripts/test.sh installs it.
        XCTAssertEqual(check.status, 0, "pabutools: " + check.errors + " (bash scripts/install-deps.sh --test installs it into .venv)")
        XCTAssertEqual(check.output, "6 bike-lanes,library-roof,park-benches\n")
    }
}
