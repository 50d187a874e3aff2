import CollectorKit
import Foundation
import Model
import XCTest

final class OpinionsCommandTests: XCTestCase {
    /// Voters 0–3 agree with comments 0–3 and disagree with 4–7, voters 4–7 the reverse; everyone agrees with 8.
    private static func polisFiles() -> (comments: String, votes: String) {
        let comments = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
            + (0...8).map { "0,,\($0),0,0,0,1,Statement \($0)" }.joined(separator: "\n") + "\n"
        var votes = "timestamp,datetime,comment-id,voter-id,vote\n"
        for voter in 0...7 {
            for comment in 0...8 {
                let agrees = comment == 8 || (comment < 4) == (voter < 4)
                votes += "\(voter * 10 + comment),,\(comment),\(voter),\(agrees ? 1 : -1)\n"
            }
        }
        return (comments, votes)
    }

    private func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opinions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        let errors = Pipe()
        process.executableURL = CollectorProcess.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    func testMapsAPolisExportIntoResultJSON() throws {
        let folder = try directory()
        let files = Self.polisFiles()
        try files.comments.write(to: folder.appendingPathComponent("comments.csv"), atomically: true, encoding: .utf8)
        try files.votes.write(to: folder.appendingPathComponent("votes.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("result.json")
        let outcome = try run(["opinions", "--polis-comments", folder.appendingPathComponent("comments.csv").path,
                               "--polis-votes", folder.appendingPathComponent("votes.csv").path, "--out", out.path])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let result = try JSONDecoder().decode(OpinionResult.self, from: Data(contentsOf: out))
        XCTAssertEqual(Set(result.groups.map { Set($0.members) }), [["0", "1", "2", "3"], ["4", "5", "6", "7"]])
        XCTAssertEqual(result.consensus.map(\.statement), ["8"])
        XCTAssertEqual(try Data(contentsOf: out), try PolisImport.json(PolisImport.map(commentsPath: folder.appendingPathComponent("comments.csv").path,
                                                                                       votesPath: folder.appendingPathComponent("votes.csv").path)))
    }

    func testMapsARealPolisConversationWithItsModeratedOutCommentsLeftOut() throws {
        // A conversation from Pol.is's open data (../shared/data/polis, CC BY 4.0, The Computational Democracy Project).
        let conversation = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/polis/15-per-hour-seattle")
        let comments = conversation.appendingPathComponent("comments.csv").path, votes = conversation.appendingPathComponent("votes.csv").path
        let out = try directory().appendingPathComponent("result.json")
        let outcome = try run(["opinions", "--polis-comments", comments, "--polis-votes", votes, "--out", out.path])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let result = try JSONDecoder().decode(OpinionResult.self, from: Data(contentsOf: out))
        XCTAssertEqual(result.participants, 138)
        XCTAssertEqual(result.statements, 31, "54 comments, 23 of them moderated out")
        XCTAssertEqual(result.groups.count, 2, "as Pol.is")
        XCTAssertEqual(result.groups.flatMap(\.members).sorted(), result.points.map(\.participant).sorted())
        XCTAssertTrue(result.groups.allSatisfy { !$0.distinctive.isEmpty })
        XCTAssertFalse(result.consensus.isEmpty)
        XCTAssertEqual(try Data(contentsOf: out), try PolisImport.json(PolisImport.map(commentsPath: comments, votesPath: votes)))
    }

    func testABadVoteIsReportedWithItsFileLineAndColumn() throws {
        let folder = try directory()
        let comments = folder.appendingPathComponent("comments.csv"), votes = folder.appendingPathComponent("votes.csv")
        try Self.polisFiles().comments.write(to: comments, atomically: true, encoding: .utf8)
        try "comment-id,voter-id,vote\n0,1,1\n0,2,yes\n".write(to: votes, atomically: true, encoding: .utf8)
        let outcome = try run(["opinions", "--polis-comments", comments.path, "--polis-votes", votes.path, "--out", folder.appendingPathComponent("r.json").path])
        XCTAssertNotEqual(outcome.status, 0)
        XCTAssertTrue(outcome.errors.contains("\(votes.path):3:3: vote is \"yes\""), outcome.errors)
        XCTAssertThrowsError(try PolisImport.map(commentsPath: folder.appendingPathComponent("missing.csv").path, votesPath: votes.path)) {
            XCTAssertEqual($0 as? PolisImportError, .unreadable(folder.appendingPathComponent("missing.csv").path))
        }
    }
}
