/// One participant's reaction to one statement of an opinion conversation.
public struct OpinionVote: Equatable, Sendable {
    public var participant: String
    public var statement: String
    public var stance: OpinionStance

    public init(participant: String, statement: String, stance: OpinionStance) {
        self.participant = participant
        self.statement = statement
        self.stance = stance
    }
}

/// Agree, disagree or pass, as in a canonical ballot's `opinion` item.
public enum OpinionStance: String, Codable, Sendable, CaseIterable {
    case agree, disagree, pass

    /// The entry in the vote matrix: agree +1, disagree −1, pass 0.
    public var value: Double {
        switch self {
        case .agree: 1
        case .disagree: -1
        case .pass: 0
        }
    }
}
