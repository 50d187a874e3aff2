/// What importing one source file did to the target.
public struct ImportReport: Equatable, Sendable {
    public let file: String
    /// Rows whose receipt the target did not have.
    public var new = 0
    /// Rows the target already had with the same content (a ballot posted to two collectors, or a file imported twice).
    public var duplicate = 0
    /// Rows under a receipt the target has with different content; both are kept, one in `import_conflicts`.
    public var conflicting = 0

    public init(file: String) { self.file = file }

    /// One line for the terminal.
    public var summary: String { "\(file): \(new) new, \(duplicate) duplicate, \(conflicting) conflicting" }
}
