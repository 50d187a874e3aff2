import ArgumentParser
import CollectorKit
import Foundation
import Model

/// `collector verify`: a verdict for every stored ballot, stored for `tally` and written to a report.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every ballot's signature, roll, window, rule and uniqueness; write the report.",
        discussion: "Verdicts: valid, unknown_form, not_canonical, bad_signature, key_not_in_roll, outside_window, breaks_rule, superseded, duplicate_identity. Flags (counted, for review): same_address, same_domain, too_fast."
    )

    @OptionGroup var teller: TellerOptions

    @Option(help: "The JSON report to write.")
    var report: String

    func run() throws {
        try reportingErrors {
            let inputs = try teller.inputs()
            let list = try VerifyRun.run(db: teller.db, inputs: inputs, settings: teller.settings)
            let report = VerificationReport(list, manifest: inputs.manifest, settings: teller.settings)
            do {
                try ResultFiles.json(report).write(to: URL(fileURLWithPath: self.report), options: .atomic)
            } catch {
                throw TellerError("--report \(self.report): cannot write it (\(error.localizedDescription))")
            }
            print(report.summary)
        }
    }
}
