import ArgumentParser
import CollectorKit
import Foundation
import Model

/// `collector tally`: results per form from the verified ballots, an audit bundle, or a Pabulib file.
struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Count every form by its rule and write one result file per form and summary.json.",
        discussion: """
        From a database: --db --manifest --roll ... --out DIR (reuses verify's verdicts while they hold, else verifies).
        From an audit bundle: --bundle DIR --out DIR. A Pabulib file: --pabulib FILE [--rule auto|...] prints JSON.
        """
    )

    @OptionGroup var teller: TellerOptions
    @OptionGroup var stamp: StampOptions

    @Option(help: "Folder for the result files (e.g. content/_results).")
    var out: String?

    @Option(help: "Recount an audit bundle written by `collector publish`.")
    var bundle: String?

    @Option(name: .customLong("key"), parsing: .unconditionalSingleValue, help: "With --bundle: a collector's log key as the site publishes it (site.yaml collector_keys); repeatable. Every log in the bundle must be named by one.")
    var keys: [String] = []

    @Option(help: "Count a Pabulib .pb file and print JSON with the selected projects and their cost.")
    var pabulib: String?

    @Option(help: "With --pabulib: auto (the file's META rule), \(TallyRule.allCases.map(\.rawValue).joined(separator: ", ")).")
    var rule = "auto"

    @Flag(help: "With --pabulib and an Add1 rule: stop raising the per-voter budget at the first exhaustive outcome.")
    var stopWhenExhaustive = false

    func validate() throws {
        if pabulib == nil, out == nil { throw ValidationError("pass --out DIR for the result files (or --pabulib FILE)") }
        if pabulib != nil, bundle != nil { throw ValidationError("--pabulib and --bundle cannot be combined") }
        if bundle == nil, !keys.isEmpty { throw ValidationError("--key checks the logs of a bundle: pass it with --bundle") }
        guard rule == "auto" || TallyRule(rawValue: rule) != nil else {
            throw ValidationError("--rule must be auto or one of \(TallyRule.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        try reportingErrors {
            if let pabulib {
                let count = try PabulibCount.count(file: pabulib, rule: TallyRule(rawValue: rule), stopsWhenExhaustive: stopWhenExhaustive)
                FileHandle.standardOutput.write(try count.json())
                return
            }
            let directory = URL(fileURLWithPath: out!)
            if let bundle {
                let (counts, notes) = try BundleRecount.run(URL(fileURLWithPath: bundle), out: directory, keys: keys)
                for note in notes { print("note: " + note) }
                print("recounted \(counts.count) forms from \(bundle) into \(directory.path)")
                return
            }
            let inputs = try teller.inputs()
            let (input, reused) = try VerifyRun.countInput(db: teller.db, inputs: inputs, settings: teller.settings)
            let stamped = self.stamp.stamp(input)
            let counts = try TallyRun.count(input, inputs: inputs, stamp: stamped)
            try TallyRun.write(counts, unknownForm: input.unknownForm, inputs: inputs, stamp: stamped, to: directory)
            print((reused ? "used the stored verdicts; " : "verified first; ") + "wrote \(counts.count) results and \(TallySummary.fileName) into \(directory.path)")
        }
    }
}
