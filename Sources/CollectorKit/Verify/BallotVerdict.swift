import Model

/// The verdict on one stored submission, with the reason in words and any rate flags.
public struct BallotVerdict: Equatable, Sendable {
    public var verdict: Verdict
    /// What exactly is wrong (the parser's reason, the rule broken, the ballot that supersedes it).
    public var detail: String?
    public var flags: [BallotFlag]

    public init(_ verdict: Verdict, detail: String? = nil, flags: [BallotFlag] = []) {
        self.verdict = verdict
        self.detail = detail
        self.flags = flags
    }

    /// Whether the verdict says more than "valid, nothing to note"; only these are stored.
    var isNotable: Bool { verdict != .valid || !flags.isEmpty }
}

/// Every submission of a database with its verdict and, when it parsed, its ballot.
public struct Verification: Sendable {
    public let records: [SubmissionRecord]
    public let verdicts: [BallotVerdict]
    /// The parsed ballot of each record that is canonical; nil otherwise.
    public let ballots: [CanonicalBallot?]
}
