import ArgumentParser
import CollectorKit

/// `collector import`: merges collectors' databases into one, by receipt.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge collectors' SQLite files into one, by receipt.",
        discussion: "Idempotent and order-independent; each source file is imported in one transaction. Reports new, duplicate and conflicting rows per file."
    )

    @Argument(help: "Collector databases to import.")
    var sources: [String]

    @Option(help: "The database to merge into (created if missing).")
    var into: String

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("name at least one collector database to import") }
    }

    func run() throws {
        try reportingErrors {
            _ = try DatabaseImport.run(sources: sources, into: into) { print($0.summary) }
        }
    }
}
