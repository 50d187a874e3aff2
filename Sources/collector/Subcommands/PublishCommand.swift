import ArgumentParser
import CollectorKit
import Foundation

/// `collector publish`: the audit bundle, per form, from which anyone can recount the result.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the audit bundle: per form the anonymised ballots with verdicts, roll, manifest, result and README.",
        discussion: "Recount with `collector tally --bundle DIR --out X`: the result files come out byte for byte the same. Give it the same --counted-at and --audit-url as the tally whose results the site shows."
    )

    @OptionGroup var teller: TellerOptions
    @OptionGroup var stamp: StampOptions

    @Option(help: "Folder for the bundle: content/_audit, which `sitegen build` publishes at audit/.")
    var out: String

    func run() throws {
        try reportingErrors {
            let inputs = try teller.inputs()
            let (verification, _) = try VerifyRun.current(db: teller.db, inputs: inputs, settings: teller.settings)
            let input = CountInput(verification, manifest: inputs.manifest)
            let stamped = self.stamp.stamp(input)
            let counts = try TallyRun.count(input, inputs: inputs, stamp: stamped)
            try BundleWriter.write(counts, verification: verification, inputs: inputs, settings: teller.settings, stamp: stamped,
                                   logs: try BundleLogs.load(db: teller.db), to: URL(fileURLWithPath: out))
            print("wrote the audit bundles of \(counts.count) forms into \(out)")
        }
    }
}
