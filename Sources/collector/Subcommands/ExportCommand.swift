import ArgumentParser
import CollectorKit
import Foundation

/// `collector export`: a budget form's valid ballots as a Pabulib file, or participants' contributions as content files.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a budget form's valid ballots as a Pabulib .pb file, an opinion conversation as Pol.is's CSV files, or contributions into the content folder for moderation.",
        discussion: """
            --contributions writes every verified proposal, petition filing, comment and statement not yet exported as a \
            content file with `moderation: pending` (proposals and petitions into their collection, comments and \
            statements into content/_contributions/<form>/); change it to `accepted` and rebuild to publish it. The \
            identity fields of petition filings are appended to the --identities CSV, never written into the content. \
            A second run writes nothing twice.
            """
    )

    @Flag(help: "Write a budget form's ballots in the Pabulib format (with --form and --out).")
    var pabulib = false

    @Flag(help: "Write contributions into the content folder (with --content).")
    var contributions = false

    @Flag(help: "Write an opinion conversation as Pol.is's comments.csv and votes.csv (with --form and --out DIR).")
    var polis = false

    @Option(help: "The form's id (--pabulib: required; --contributions: only this form).")
    var form: String?

    @OptionGroup var teller: TellerOptions

    @Option(help: "The .pb file to write (--pabulib), or the folder for the two CSV files (--polis).")
    var out: String?

    @Option(help: "The site's content folder (--contributions).")
    var content = "content"

    @Option(help: "The moderators' CSV of petition filers' identity fields, appended to (--contributions); keep it out of the content folder.")
    var identities = "petition-filings.csv"

    func validate() throws {
        guard [pabulib, contributions, polis].filter({ $0 }).count == 1 else { throw ValidationError("pass one of --pabulib, --contributions or --polis") }
        if pabulib, form == nil || out == nil { throw ValidationError("--pabulib needs --form (a budget form's id) and --out FILE.pb") }
        if polis, form == nil || out == nil { throw ValidationError("--polis needs --form (an opinion form's id) and --out DIR") }
    }

    func run() throws {
        try reportingErrors {
            let inputs = try teller.inputs()
            let (verification, _) = try VerifyRun.current(db: teller.db, inputs: inputs, settings: teller.settings)
            if contributions {
                let summary = try ContributionExport.run(verification: verification, manifest: inputs.manifest, content: URL(fileURLWithPath: content),
                                                         form: form, identities: URL(fileURLWithPath: identities))
                let kinds = Dictionary(grouping: summary.written, by: \.kind).mapValues(\.count)
                let counts = [ContributionFile.Kind.proposal, .petition, .comment, .statement].map { "\(kinds[$0] ?? 0) \($0.rawValue)s" }
                print("wrote \(summary.written.count) contributions into \(content) (\(counts.joined(separator: ", "))), each `moderation: pending`; "
                    + "\(summary.alreadyExported) exported before" + (summary.identities > 0 ? "; \(summary.identities) filers' identities appended to \(identities)" : ""))
                for file in summary.written { print("  " + file.path) }
                return
            }
            if polis {
                let (comments, votes) = try PolisExport.files(form: form!, verification: verification, manifest: inputs.manifest)
                let directory = URL(fileURLWithPath: out!)
                do {
                    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                    try Data(comments.utf8).write(to: directory.appendingPathComponent("comments.csv"), options: .atomic)
                    try Data(votes.utf8).write(to: directory.appendingPathComponent("votes.csv"), options: .atomic)
                } catch {
                    throw TellerError("--out \(out!): cannot write the CSV files (\(error.localizedDescription))")
                }
                print("wrote \(out!)/comments.csv and votes.csv")
                return
            }
            let text = try PabulibExport.text(form: form!, verification: verification, inputs: inputs)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out!), options: .atomic)
            } catch {
                throw TellerError("--out \(out!): cannot write it (\(error.localizedDescription))")
            }
            print("wrote \(out!)")
        }
    }
}
