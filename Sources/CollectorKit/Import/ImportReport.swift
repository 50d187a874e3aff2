/// What importing one source file did to the target.
public struct ImportReport: Equatable, Sendable {
    public let file: String
    /// Rows whose receipt the target did not have.
    public var new = 0
    /// Rows the target already had with the same signed content (a ballot posted to two collectors, or a file
    /// imported twice); their sightings are kept beside it.
    public var duplicate = 0
    /// Rows under a receipt the target has with different content; both are kept, one in `import_conflicts`.
    public var conflicting = 0
    /// Rows that are not what they claim (a receipt that is not the hash of the signature, a form that is not the
    /// ballot's, a ballot that is not canonical): set aside in `import_rejects`, never counted.
    public var setAside = 0
    /// What its receipt logs added, and where they disagree with what was imported before.
    var log = LogImport.Outcome()

    public init(file: String) { self.file = file }

    /// One line for the terminal.
    public var summary: String {
        "\(file): \(new) new, \(duplicate) duplicate, \(conflicting) conflicting" + (setAside > 0 ? ", \(setAside) set aside (see import_rejects)" : "")
            + (log.added > 0 ? ", \(log.added) log entries" : "") + (log.heads > 0 ? ", \(log.heads) signed heads checked" : "")
            + (log.unlogged.map { "; no further log: " + $0 } ?? "")
            + (log.unsigned > 0 ? "; \(log.unsigned) log entries under no head its collector signed (start and stop `collector serve` on the "
                + "file to sign them, then import it again)" : "")
            + (log.rewritten.first.map { "; ITS LOG WAS REWRITTEN: \(log.rewritten.count) entries differ from an earlier import of the same log, "
                + "first at position \($0.position) of log \($0.log), held from \($0.heldFrom) (the earlier ones are kept; one of the two files "
                + "rewrote the log, or names itself after another collector's: compare them)" } ?? "")
    }
}
