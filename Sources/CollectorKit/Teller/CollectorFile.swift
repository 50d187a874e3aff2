/// Writing a collector file directly, for tools that make test and benchmark data without a running collector.
public enum CollectorFile {
    /// Creates (or extends) the collector file at `path` with `records`, in one transaction.
    public static func write(_ records: [SubmissionRecord], to path: String) throws {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector " + CollectorVersion.current)
        try database.transaction {
            let writer = try ImportWriter(database.connection)
            for record in records { try writer.insert(record, into: "submissions") }
        }
    }
}
