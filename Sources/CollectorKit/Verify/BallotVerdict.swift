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
    /// Each record as counted: its arrival, address hash and identity fields those of the sighting that counts
    /// (`Arrival`), the identity left out where the sightings disagree on it.
    public let records: [SubmissionRecord]
    public let list: VerdictList
    /// The parsed ballot of each record that is canonical; nil otherwise.
    public let ballots: [CanonicalBallot?]
    /// What an audit bundle publishes of each record's identity fields.
    public let identities: [PublishedIdentity]
    /// Every sighting of the receipts seen more than once.
    public let sightings: [String: [Sighting]]

    public var verdicts: [BallotVerdict] { list.verdicts }

    /// The arrival times of `record` other than the one it counts by, sorted; nil when there are none.
    func otherArrivals(_ record: SubmissionRecord) -> [String]? {
        let others = Set((sightings[record.receipt] ?? []).map(\.receivedAt)).subtracting([record.receivedAt]).sorted()
        return others.isEmpty ? nil : others
    }
}
