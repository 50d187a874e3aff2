import Foundation

/// A conversation in Pol.is's open-data format: `comments.csv` (the statements) and `votes.csv` (the reactions).
///
/// Pol.is stores an agree as −1 in its database but writes it as +1 in these exports (`vote`: 1 agree, −1 disagree,
/// 0 pass); both reading and writing here follow the export convention, the same as our matrix.
public struct PolisConversation: Equatable, Sendable {
    public var statements: [PolisStatement]
    /// Comments Pol.is's moderators rejected (`moderated` −1): left out of the map, but, as in Pol.is, votes on them
    /// count towards a participant's minimum number of votes.
    public var moderatedOut: [PolisStatement]
    /// Every vote, those on `moderatedOut` comments included, in time order: a participant's last vote on a statement
    /// is the one counted, and the map replays Pol.is's updates in this order.
    public var timeline: [OpinionVote]
    /// Where each update ends in `timeline`: votes of the same timestamp arrive together, one update per timestamp;
    /// nil for one update per vote.
    public var updateEnds: [Int]?

    /// `votes` and then `moderatedVotes` (those on `moderatedOut` comments) are taken as arriving one by one.
    public init(statements: [PolisStatement], votes: [OpinionVote], moderatedOut: [PolisStatement] = [], moderatedVotes: [OpinionVote] = []) {
        self.init(statements: statements, moderatedOut: moderatedOut, timeline: votes + moderatedVotes, updateEnds: nil)
    }

    private init(statements: [PolisStatement], moderatedOut: [PolisStatement], timeline: [OpinionVote], updateEnds: [Int]?) {
        self.statements = statements
        self.moderatedOut = moderatedOut
        self.timeline = timeline
        self.updateEnds = updateEnds
    }

    /// The votes on comments the map shows, in time order.
    public var votes: [OpinionVote] {
        let rejected = Set(moderatedOut.map(\.id))
        return timeline.filter { !rejected.contains($0.statement) }
    }

    /// The votes on `moderatedOut` comments, in time order.
    public var moderatedVotes: [OpinionVote] {
        let rejected = Set(moderatedOut.map(\.id))
        return timeline.filter { rejected.contains($0.statement) }
    }

    static let commentColumns = ["comment-id", "comment-body"]
    static let voteColumns = ["comment-id", "voter-id", "vote"]

    /// Reads both files; comments that Pol.is's moderators rejected (`moderated` −1) and their votes are kept apart.
    public init(comments: String, commentsFile: String, votes: String, votesFile: String) throws {
        let commentTable = try CommaSeparatedValues(comments, file: commentsFile)
        let commentAt = try commentTable.columns(Self.commentColumns)
        let authorAt = commentTable.header.firstIndex(of: "author-id")
        let moderatedAt = commentTable.header.firstIndex(of: "moderated")
        var statements: [PolisStatement] = [], moderatedOut: [PolisStatement] = [], known = Set<String>()
        for row in commentTable.rows {
            let id = try commentTable.field(row, commentAt[0])
            guard !id.isEmpty, known.insert(id).inserted else {
                throw OpinionFileError(file: commentsFile, line: row.line, column: commentAt[0] + 1,
                                       id.isEmpty ? "the comment-id is empty: give every comment an id" : "comment-id \(id) appears twice: keep one row per comment")
            }
            let moderated = try moderatedAt.map { try commentTable.field(row, $0) } ?? ""
            guard ["", "-1", "0", "1"].contains(moderated) else {
                throw OpinionFileError(file: commentsFile, line: row.line, column: moderatedAt! + 1, "moderated is \"\(moderated)\": write 1, 0 or -1")
            }
            let statement = PolisStatement(id: id, text: try commentTable.field(row, commentAt[1]),
                                           author: try authorAt.map { try commentTable.field(row, $0) })
            if moderated == "-1" { moderatedOut.append(statement) } else { statements.append(statement) }
        }
        let voteTable = try CommaSeparatedValues(votes, file: votesFile)
        let voteAt = try voteTable.columns(Self.voteColumns)
        let timeAt = voteTable.header.firstIndex(of: "timestamp")
        var timed: [(time: Double, vote: OpinionVote)] = []
        for row in voteTable.rows {
            let statement = try voteTable.field(row, voteAt[0])
            guard known.contains(statement) else {
                throw OpinionFileError(file: votesFile, line: row.line, column: voteAt[0] + 1,
                                       "comment-id \(statement) is not in \(commentsFile): use the two files of the same conversation")
            }
            let voter = try voteTable.field(row, voteAt[1])
            guard !voter.isEmpty else { throw OpinionFileError(file: votesFile, line: row.line, column: voteAt[1] + 1, "the voter-id is empty") }
            let value = try voteTable.field(row, voteAt[2])
            guard let stance = Self.stances[value] else {
                throw OpinionFileError(file: votesFile, line: row.line, column: voteAt[2] + 1, "vote is \"\(value)\": write 1 (agree), -1 (disagree) or 0 (pass)")
            }
            var time = Double(timed.count)
            if let timeAt {
                let text = try voteTable.field(row, timeAt)
                guard let seconds = Double(text) else {
                    throw OpinionFileError(file: votesFile, line: row.line, column: timeAt + 1, "timestamp is \"\(text)\": write a number of seconds")
                }
                time = seconds
            }
            timed.append((time, OpinionVote(participant: voter, statement: statement, stance: stance)))
        }
        // Sorted stably by time: rows of the same timestamp keep their file order.
        let ordered = timed.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        let ends = ordered.indices.filter { $0 + 1 == ordered.count || ordered[$0 + 1].time != ordered[$0].time }.map { $0 + 1 }
        // One vote per update is what no boundaries mean: the same conversation, however it was read.
        self.init(statements: statements, moderatedOut: moderatedOut, timeline: ordered.map(\.vote), updateEnds: ends.count == ordered.count ? nil : ends)
    }

    private static let stances: [String: OpinionStance] = ["1": .agree, "-1": .disagree, "0": .pass]

    public var statementIds: [String] { statements.map(\.id) }

    /// The conversation's opinion map: moderated-out comments are left out of it as Pol.is leaves them out.
    public func map() throws -> OpinionResult {
        try OpinionMap.compute(votes: timeline, statements: statementIds, moderatedOut: moderatedOut.map(\.id), updateEnds: updateEnds)
    }

    /// `comments.csv` with each statement's agree and disagree counts from the last vote of each participant;
    /// moderated-out comments follow, marked -1.
    public func commentsCSV() -> String {
        var latest: [String: [String: OpinionStance]] = [:]
        for vote in timeline { latest[vote.statement, default: [:]][vote.participant] = vote.stance }
        let lines = (statements.map { ($0, "1") } + moderatedOut.map { ($0, "-1") }).map { statement, moderated in
            let stances = Array((latest[statement.id] ?? [:]).values)
            return CSVWriter.record(["", "", statement.id, statement.author ?? "", String(stances.filter { $0 == .agree }.count),
                                     String(stances.filter { $0 == .disagree }.count), moderated, statement.text])
        }
        return (["timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body"] + lines).joined(separator: "\n") + "\n"
    }

    /// `votes.csv`, one row per vote of `timeline`; our votes carry no time, so each row's timestamp is its position,
    /// which keeps "the last vote counts" and one update per vote when Pol.is tools sort by it.
    public func votesCSV() -> String {
        let lines = timeline.enumerated().map { index, vote in
            CSVWriter.record([String(index), "", vote.statement, vote.participant, Self.value(vote.stance)])
        }
        return (["timestamp,datetime,comment-id,voter-id,vote"] + lines).joined(separator: "\n") + "\n"
    }

    private static func value(_ stance: OpinionStance) -> String {
        switch stance {
        case .agree: "1"
        case .disagree: "-1"
        case .pass: "0"
        }
    }
}

/// One Pol.is comment: a statement and, when known, its author's id.
public struct PolisStatement: Equatable, Sendable {
    public var id: String
    public var text: String
    public var author: String?

    public init(id: String, text: String, author: String? = nil) {
        self.id = id
        self.text = text
        self.author = author
    }
}
