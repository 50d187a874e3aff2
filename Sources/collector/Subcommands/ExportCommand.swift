import ArgumentParser
import CollectorKit
import Foundation

/// `collector export --pabulib`: a budget form's valid ballots as a Pabulib `.pb` file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a budget form's valid ballots as a Pabulib .pb file (pabutools reads it)."
    )

    @Flag(help: "Write the Pabulib format (the only format so far).")
    var pabulib = false

    @Option(help: "The budget form's id.")
    var form: String

    @OptionGroup var teller: TellerOptions

    @Option(help: "The .pb file to write.")
    var out: String

    func validate() throws {
        guard pabulib else { throw ValidationError("pass --pabulib: it is the only export format") }
    }

    func run() throws {
        try reportingErrors {
            let inputs = try teller.inputs()
            let (verification, _) = try VerifyRun.current(db: teller.db, inputs: inputs, settings: teller.settings)
            let text = try PabulibExport.text(form: form, verification: verification, inputs: inputs)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw TellerError("--out \(out): cannot write it (\(error.localizedDescription))")
            }
            print("wrote \(out)")
        }
    }
}
