import Model

/// One stored row: a checked submission with where and when it arrived.
public struct SubmissionRecord: Equatable, Sendable {
    public var receipt: String
    public var form: String
    public var ballot: String
    /// Base64url, as posted.
    public var publicKey: String
    /// Base64url, as posted.
    public var signature: String
    /// Identity fields of an open form as a JSON object with sorted keys, or nil.
    public var identity: String?
    /// ISO 8601 UTC with milliseconds.
    public var receivedAt: String
    public var collectorID: String
    /// Salted SHA-256 of the client's address; the address itself is never stored.
    public var clientHash: String

    public init(receipt: String, form: String, ballot: String, publicKey: String, signature: String, identity: String?,
                receivedAt: String, collectorID: String, clientHash: String) {
        self.receipt = receipt
        self.form = form
        self.ballot = ballot
        self.publicKey = publicKey
        self.signature = signature
        self.identity = identity
        self.receivedAt = receivedAt
        self.collectorID = collectorID
        self.clientHash = clientHash
    }
}

/// What storing a record did: stored it now, or found it stored before (then `storedAt` is the first time).
public struct StoreOutcome: Equatable, Sendable {
    public let storedAt: String
    public let duplicate: Bool
    /// Whether a ballot with the same key was already stored for the form: this one will supersede it (or be
    /// superseded, by the revote rule), and the participant is told so rather than finding out at the count.
    public let replaces: Bool
    /// The receipt's entry in the collector's log (docs/LOG.md), from the row that holds it.
    public let logEntry: LogEntry
}
