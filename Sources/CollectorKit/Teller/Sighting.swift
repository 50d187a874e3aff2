/// One file's claim about a stored submission: which collector stored it, when, from which address hash, with which
/// identity fields, and the file that says so. None of it is signed, so each sighting is kept, none overwritten.
public struct Sighting: Hashable, Sendable {
    public var receivedAt: String
    public var collectorID: String
    public var clientHash: String
    /// The identity fields as the collector stored them (a JSON object), or nil.
    public var identity: String?
    /// The file `import` read it from; empty for a collector's own row.
    public var source: String

    public init(receivedAt: String, collectorID: String, clientHash: String, identity: String?, source: String) {
        self.receivedAt = receivedAt
        self.collectorID = collectorID
        self.clientHash = clientHash
        self.identity = identity
        self.source = source
    }

    /// The sighting a collector's own row is.
    public init(_ record: SubmissionRecord, source: String = "") {
        self.init(receivedAt: record.receivedAt, collectorID: record.collectorID, clientHash: record.clientHash, identity: record.identity,
                  source: source)
    }

    /// The record as this sighting tells it.
    func applied(to record: SubmissionRecord) -> SubmissionRecord {
        var copy = record
        copy.receivedAt = receivedAt
        copy.collectorID = collectorID
        copy.clientHash = clientHash
        copy.identity = identity
        return copy
    }

    /// Sort order: a total order on every field, so whichever file came first, the same sighting is first.
    var sortKey: [String] { [receivedAt, collectorID, clientHash, identity ?? "", source] }

    static func precedes(_ a: Sighting, _ b: Sighting) -> Bool {
        a.sortKey.lexicographicallyPrecedes(b.sortKey) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
