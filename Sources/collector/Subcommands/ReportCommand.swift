import ArgumentParser
import CollectorKit
import Foundation
import Model

/// `collector report`: participation over time per space and form, small counts hidden.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a participation report (JSON for the site's report page, CSV for spreadsheets) from a collector database.",
        discussion: "Per space and per form and per day or week: accepted and rejected submissions, distinct participants, thresholds reached. Counts below --min-count are written \"< N\"."
    )

    @OptionGroup var teller: TellerOptions

    @Option(help: "First day counted (YYYY-MM-DD or a UTC time); default: the first submission.")
    var from: String?

    @Option(help: "Day after the last one counted (YYYY-MM-DD or a UTC time); default: after the last submission.")
    var to: String?

    @Option(help: "Period of the counts over time: day or week (ISO weeks, from Monday).")
    var by: ReportPeriod = .week

    @Option(help: "Counts below this are written \"< N\", so no participant can be singled out.")
    var minCount = 5

    @Option(help: "Folder for report.json and report.csv (e.g. content/_reports/<name>/ to publish it).")
    var out: String

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Self.date(value) == nil { throw ValidationError("\(name) \(value): write a day (2026-11-02) or a UTC time (2026-11-02T00:00:00Z)") }
        }
        if let from, let to, let start = Self.date(from), let end = Self.date(to), end <= start {
            throw ValidationError("--to must be after --from")
        }
    }

    static func date(_ text: String) -> Date? { UTCSecond.parse(text) ?? UTCSecond.parse(text + "T00:00:00Z") }

    func run() throws {
        try reportingErrors {
            let inputs = try teller.inputs()
            let (verification, _) = try VerifyRun.current(db: teller.db, inputs: inputs, settings: teller.settings)
            let report = ReportRun.report(verification, starts: try ReportRun.starts(db: teller.db), manifest: inputs.manifest, from: from.flatMap(Self.date), to: to.flatMap(Self.date),
                                          period: by, minimum: minCount)
            try ReportRun.write(report, to: URL(fileURLWithPath: out))
            print("wrote \(out)/report.json and report.csv: \(report.forms.count) forms in \(report.spaces.count) spaces, "
                + "\(report.forms.first?.periods.count ?? 0) \(by.rawValue)s from \(UTCSecond.format(report.from))")
        }
    }
}

extension ReportPeriod: ExpressibleByArgument {}
