import ArgumentParser
import CollectorKit
import Foundation

/// `collector audit`: what a participant or an observer checks against a published bundle.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check what a participant holds against a published audit bundle.",
        subcommands: [ReceiptCommand.self]
    )

    /// `collector audit receipt`: a held answer against the bundle.
    struct ReceiptCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "receipt",
            abstract: "Check a collector's answer that a participant kept against a published bundle (docs/AUDIT.md).",
            discussion: "The answer's proof must hold and its head be signed by one of the --key given; then the bundle's log must hold its entry under the signed root, and a form must list the ballot. Exits 1, saying which, when the bundle breaks the collector's word."
        )

        @Option(help: "The published audit bundle (the folder `collector publish` wrote).")
        var bundle: String

        @Option(name: .customLong("key"), parsing: .unconditionalSingleValue, help: "A collector's log key as the site publishes it (site.yaml collector_keys); repeatable.")
        var keys: [String] = []

        @Argument(help: "The answer the participant kept: the JSON the collector answered, with its receipt, stored_at and log.")
        var answer: String

        func run() throws {
            try reportingErrors {
                let finding = try ReceiptAudit.run(answer: URL(fileURLWithPath: answer), bundle: URL(fileURLWithPath: bundle), keys: keys)
                switch finding {
                case .listed(let form, let verdict, let detail):
                    print(verdict == .valid ? "counted: form \(form) lists the ballot as valid"
                                            : "set aside: form \(form) lists the ballot as \(verdict.rawValue)" + (detail.map { " (\($0))" } ?? ""))
                case .dropped:
                    print("DROPPED: the published log holds the ballot, but no form of the bundle lists it")
                case .notInLog:
                    print("NOT IN THE PUBLISHED LOG: no log of the bundle holds the answer's entry at its index; the log was rewritten or left out")
                case .forked:
                    print("FORKED: the published log holds the entry, but its root at the answer's size is not the one the collector signed")
                }
                if !finding.holds { throw ExitCode.failure }
            }
        }
    }
}
