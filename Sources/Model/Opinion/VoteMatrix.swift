/// The participant × statement matrix (agree +1, disagree −1, pass 0; unseen 0 with `seen` false) of the participants
/// who voted enough, now or at some earlier update.
public struct VoteMatrix: Equatable, Sendable {
    /// Participants kept, sorted by id so that the order votes arrive in cannot change the groups.
    public let participants: [String]
    public let statements: [String]
    /// Row-major, `participants.count × statements.count`.
    public let values: [Double]
    /// Whether the participant reacted (agree, disagree or pass) to the statement, same layout as `values`.
    public let seen: [Bool]
    /// The number of reactions a participant needs to be counted at the end: min(7, statements someone reacted to), at
    /// least 1. Someone who reached the threshold of an earlier update, when fewer statements had votes, stays counted.
    public let minimumVotes: Int
    /// Statements someone reacted to, moderated-out ones included: Pol.is only knows a statement once it has a vote.
    public let reactedStatements: Int
    /// Moderated-out statements someone reacted to. Pol.is zeroes their column for everyone rather than deleting it,
    /// so they carry no variance but count as seen by every participant when the projection is scaled.
    public let reactedModeratedOut: Int

    /// Builds the matrix from votes in arrival order; a participant's last vote on a statement replaces the earlier
    /// ones, since votes can be changed. Votes on `moderatedOut` statements get no column but count towards
    /// `minimumVotes`, as in Pol.is. `updateEnds` closes each update after that many votes (nil: one update per vote):
    /// Pol.is recomputes as votes arrive and, once a participant has min(7, statements with a vote) votes at an
    /// update, keeps them in the conversation for good.
    public init(votes: [OpinionVote], statements: [String], moderatedOut: [String] = [], updateEnds: [Int]? = nil) throws {
        var column: [String: Int] = [:]
        for (index, id) in (statements + moderatedOut).enumerated() {
            guard column.updateValue(index, forKey: id) == nil else { throw OpinionError.duplicateStatement(id) }
        }
        var latest: [String: [Int: OpinionStance]] = [:]
        var reacted = Set<Int>(), counted = Set<String>(), voters: [String] = []
        var start = 0
        for end in (updateEnds ?? Array(votes.indices.map { $0 + 1 })) + [votes.count] where end > start && end <= votes.count {
            voters.removeAll(keepingCapacity: true)
            for vote in votes[start..<end] {
                guard let index = column[vote.statement] else {
                    throw OpinionError.unknownStatement(statement: vote.statement, participant: vote.participant)
                }
                latest[vote.participant, default: [:]][index] = vote.stance
                reacted.insert(index)
                voters.append(vote.participant)
            }
            let threshold = min(7, max(1, reacted.count))
            for voter in voters where latest[voter]!.count >= threshold { counted.insert(voter) }
            start = end
        }
        let minimum = min(7, max(1, reacted.count))
        let kept = counted.sorted()
        var values = [Double](repeating: 0, count: kept.count * statements.count)
        var seen = [Bool](repeating: false, count: values.count)
        for (row, participant) in kept.enumerated() {
            for (index, stance) in latest[participant] ?? [:] where index < statements.count {
                values[row * statements.count + index] = stance.value
                seen[row * statements.count + index] = true
            }
        }
        self.participants = kept
        self.statements = statements
        self.values = values
        self.seen = seen
        self.minimumVotes = minimum
        self.reactedStatements = reacted.count
        self.reactedModeratedOut = reacted.filter { $0 >= statements.count }.count
    }

    public var rowCount: Int { participants.count }
    public var columnCount: Int { statements.count }

    public subscript(row: Int, column: Int) -> Double {
        values[row * statements.count + column]
    }

    func hasSeen(row: Int, column: Int) -> Bool {
        seen[row * statements.count + column]
    }
}
