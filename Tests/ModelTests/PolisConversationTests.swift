import XCTest
@testable import Model

final class PolisConversationTests: XCTestCase {
    private let comments = """
    timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body
    1700000000,Tue Nov 14 2023,0,5,2,0,1,"Schools should open later, at 9"
    1700000010,Tue Nov 14 2023,1,6,0,1,0,"Buses are ""always"" late"
    1700000020,Tue Nov 14 2023,2,7,0,0,-1,spam

    """

    private let votes = """
    timestamp,datetime,comment-id,voter-id,vote
    1700000100,x,0,10,1
    1700000090,x,1,10,-1
    1700000200,x,0,11,1
    1700000300,x,1,11,0
    1700000400,x,0,11,-1
    1700000500,x,2,11,1

    """

    func testReadsTheExportConventionAndKeepsTheLastVote() throws {
        let conversation = try PolisConversation(comments: comments, commentsFile: "comments.csv", votes: votes, votesFile: "votes.csv")
        XCTAssertEqual(conversation.statements, [PolisStatement(id: "0", text: "Schools should open later, at 9", author: "5"),
                                                 PolisStatement(id: "1", text: "Buses are \"always\" late", author: "6")])
        XCTAssertEqual(conversation.votes.map { "\($0.participant) \($0.statement) \($0.stance.rawValue)" },
                       ["10 1 disagree", "10 0 agree", "11 0 agree", "11 1 pass", "11 0 disagree"],
                       "1 is agree in exports; rows are put in time order; votes on the rejected comment 2 are dropped")
        let matrix = try VoteMatrix(votes: conversation.votes, statements: conversation.statementIds)
        XCTAssertEqual(matrix.values, [1, -1, -1, 0], "participant 11's last vote on comment 0 was a disagree")
        XCTAssertNil(conversation.updateEnds, "one update per timestamp, and every vote has its own: no boundaries to keep")
        let sameSecond = votes.replacingOccurrences(of: "1700000300", with: "1700000200")
        XCTAssertEqual(try PolisConversation(comments: comments, commentsFile: "comments.csv", votes: sameSecond, votesFile: "votes.csv").updateEnds,
                       [1, 2, 4, 5, 6], "votes of the same timestamp arrive in one update")
    }

    func testWritesFilesThatReadBackTheSame() throws {
        let conversation = try PolisConversation(comments: comments, commentsFile: "comments.csv", votes: votes, votesFile: "votes.csv")
        let written = conversation.commentsCSV()
        XCTAssertTrue(written.contains("\n,,0,5,1,1,1,\"Schools should open later, at 9\"\n"), written)
        let again = try PolisConversation(comments: written, commentsFile: "c", votes: conversation.votesCSV(), votesFile: "v")
        XCTAssertEqual(again, conversation)
        XCTAssertEqual(conversation.votesCSV().split(separator: "\n")[1], "0,,1,10,-1")
    }

    func testStatementsWithLineBreaksAndQuotesReadBackTheSame() throws {
        let statements = CSVWriterTests.hostile.enumerated().map { PolisStatement(id: "s\($0.offset)", text: $0.element, author: $0.element) }
        let votes = statements.map { OpinionVote(participant: "p,\r\n\"\($0.id)\"", statement: $0.id, stance: .agree) }
        let conversation = PolisConversation(statements: statements, votes: votes)
        let again = try PolisConversation(comments: conversation.commentsCSV(), commentsFile: "c", votes: conversation.votesCSV(), votesFile: "v")
        XCTAssertEqual(again, conversation)
    }

    func testBadFilesAreRefusedAtTheirLineAndColumn() {
        let cases: [(comments: String, votes: String, error: String)] = [
            ("comment-id,body\n0,x\n", "comment-id,voter-id,vote\n", "comments.csv:1:3: the header has no column \"comment-body\""),
            ("comment-id,comment-body\n0,x\n0,y\n", "comment-id,voter-id,vote\n", "comments.csv:3:1: comment-id 0 appears twice"),
            ("comment-id,comment-body\n0,\"open\n", "comment-id,voter-id,vote\n", "comments.csv:2:2: a quoted field is never closed"),
            ("comment-id,comment-body\n0,x\n", "comment-id,voter-id,vote\n0,4,2\n", "votes.csv:2:3: vote is \"2\""),
            ("comment-id,comment-body\n0,x\n", "comment-id,voter-id,vote\n9,4,1\n", "votes.csv:2:1: comment-id 9 is not in comments.csv"),
            ("comment-id,comment-body\n0,x\n", "comment-id,voter-id,vote\n0,4\n", "votes.csv:2:3: the row has 2 fields but the header has 3"),
            ("comment-id,comment-body\n0,x\n", "", "votes.csv:1:1: the file is empty"),
        ]
        for test in cases {
            XCTAssertThrowsError(try PolisConversation(comments: test.comments, commentsFile: "comments.csv", votes: test.votes, votesFile: "votes.csv")) {
                XCTAssertTrue("\($0)".hasPrefix(test.error), "\($0) should start with \(test.error)")
            }
        }
    }
}
