/// The opinion map of a conversation: participants placed on two axes, their groups, and what divides and unites them.
public struct OpinionResult: Codable, Equatable, Sendable {
    /// Participants counted: those who reacted to at least `minimumVotes` statements.
    public var participants: Int
    public var statements: Int
    public var minimumVotes: Int
    /// Share of the variance of the votes that each of the two axes explains.
    public var explainedVariance: [Double]
    /// Largest first; empty when nobody was counted.
    public var groups: [OpinionGroup]
    public var points: [OpinionPoint]
    public var consensus: [ConsensusStatement]

    enum CodingKeys: String, CodingKey {
        case participants, statements, groups, points, consensus
        case minimumVotes = "minimum_votes"
        case explainedVariance = "explained_variance"
    }
}

/// One opinion group: its members and the statements on which it differs most from everyone else.
public struct OpinionGroup: Codable, Equatable, Sendable {
    /// 0 for the largest group, then by decreasing size.
    public var id: Int
    public var size: Int
    public var members: [String]
    public var distinctive: [DistinctiveStatement]
}

/// A statement this group agrees (or disagrees) with much more than the other participants.
public struct DistinctiveStatement: Codable, Equatable, Sendable {
    public var statement: String
    public var stance: OpinionStance
    /// The group's estimated probability of that stance, (count + 1) / (seen + 2).
    public var probability: Double
    /// That probability divided by the same estimate among all other participants.
    public var ratio: Double
    public var agree: Int
    public var disagree: Int
    public var seen: Int
}

/// A statement a majority of every group agrees (or disagrees) with.
public struct ConsensusStatement: Codable, Equatable, Sendable {
    public var statement: String
    public var stance: OpinionStance
    /// The product over groups of each group's estimated probability of that stance.
    public var score: Double
}

/// One counted participant's place on the two axes and group.
public struct OpinionPoint: Codable, Equatable, Sendable {
    public var participant: String
    public var x: Double
    public var y: Double
    public var group: Int
}
