import Foundation
import Model

/// `collector report`: the verified database as a participation report, written as JSON (which `sitegen` shows on
/// a `type: report` page) and CSV.
public enum ReportRun {
    public static func report(_ verification: Verification, starts: [StartCount] = [], manifest: BallotManifest, from: Date?, to: Date?,
                              period: ReportPeriod, minimum: Int) -> ParticipationReport {
        var rows: [ReportRow] = []
        rows.reserveCapacity(verification.records.count)
        for (index, record) in verification.records.enumerated() {
            guard let received = ReceivedTime.parse(record.receivedAt) else { continue }
            rows.append(ReportRow(form: record.form, receivedAt: received, accepted: verification.verdicts[index].verdict == .valid,
                                  voter: record.publicKey))
        }
        // Without --from/--to, the submissions' own span: the same database always gives the same report.
        let first = rows.map(\.receivedAt).min() ?? Date(timeIntervalSince1970: 0)
        let last = rows.map(\.receivedAt).max().map { $0.addingTimeInterval(1) } ?? first.addingTimeInterval(1)
        return ParticipationReport.make(rows: rows, starts: starts, forms: manifest.forms, from: from ?? first, to: to ?? last, period: period, minimum: minimum)
    }

    /// The ballots-begun counts of the database at `path`, summed over collectors.
    public static func starts(db path: String) throws -> [StartCount] {
        var sums: [String: [String: Int]] = [:]
        for start in try CollectorDatabase.openForReading(path).starts() { sums[start.form, default: [:]][start.hour, default: 0] += start.count }
        return sums.flatMap { form, hours in
            hours.compactMap { hour, count in UTCSecond.parse(hour + ":00:00Z").map { StartCount(form: form, hour: $0, count: count) } }
        }.sorted { ($0.form, $0.hour) < ($1.form, $1.hour) }
    }

    /// Writes `report.json` and `report.csv` into `directory`.
    public static func write(_ report: ParticipationReport, to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try ResultFiles.json(report).write(to: directory.appendingPathComponent("report.json"), options: .atomic)
            try Data(report.csv.utf8).write(to: directory.appendingPathComponent("report.csv"), options: .atomic)
        } catch {
            throw TellerError("--out \(directory.path): cannot write the report (\(error.localizedDescription))")
        }
    }
}
