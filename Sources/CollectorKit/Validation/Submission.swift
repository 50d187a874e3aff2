import Model

/// A submission as posted, before any check: the same fields whether the script or the collector signed it.
public struct SubmissionInput: Equatable, Sendable {
    public var form: String
    public var ballot: String
    public var publicKey: String
    public var signature: String
    public var identity: [String: String]

    public init(form: String, ballot: String, publicKey: String, signature: String, identity: [String: String] = [:]) {
        self.form = form
        self.ballot = ballot
        self.publicKey = publicKey
        self.signature = signature
        self.identity = identity
    }
}

/// A submission that passed every check, ready to store.
public struct Submission: Equatable, Sendable {
    public let form: String
    public let signed: SignedBallot
    /// Cleaned identity fields (open forms only).
    public let identity: [String: String]

    public var receipt: String { signed.receipt }
}
