import Foundation
import Model

/// `collector import`: merges collectors' files into one by receipt, one transaction per source file.
///
/// Idempotent and order-independent: a receipt keeps its earliest arrival; of different contents under one
/// receipt, `ImportOrder.prefers` picks the one in `submissions` and the others go to `import_conflicts`.
public enum DatabaseImport {
    /// Imports each source into `target` (created if missing); stops at the first source that cannot be read,
    /// leaving the target as the previous sources made it.
    public static func run(sources: [String], into target: String, report: (ImportReport) -> Void = { _ in }) throws -> [ImportReport] {
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL
        for source in sources where URL(fileURLWithPath: source).standardizedFileURL == targetURL {
            throw TellerError("\(source) is also the --into file; import into a new file")
        }
        // Every source is checked before the target is touched, so a wrong path changes nothing.
        let opened = try sources.map { try CollectorDatabase.openForReading($0) }
        let database = try CollectorDatabase.openForWriting(target, createdBy: "collector import " + CollectorVersion.current)
        var reports: [ImportReport] = []
        for source in opened {
            let result = try importOne(source, into: database)
            report(result)
            reports.append(result)
        }
        return reports
    }

    private static func importOne(_ source: CollectorDatabase, into target: CollectorDatabase) throws -> ImportReport {
        guard try source.connection.scalar("PRAGMA quick_check") == "ok" else {
            throw TellerError("\(source.path): SQLite's integrity check fails; nothing of it was imported (restore the file from a backup)")
        }
        let records: [SubmissionRecord]
        do {
            records = try source.submissions()
        } catch {
            throw TellerError("\(source.path): cannot read its submissions: \(error)")
        }
        var report = ImportReport(file: source.path)
        do {
            try target.transaction {
                let writer = try ImportWriter(target.connection)
                var changed = false
                for record in records {
                    guard let existing = try writer.stored(record.receipt) else {
                        try writer.insert(record, into: "submissions")
                        report.new += 1
                        changed = true
                        continue
                    }
                    if ImportOrder.content(existing) == ImportOrder.content(record) {
                        report.duplicate += 1
                        if ImportOrder.precedes(ImportOrder.provenance(record), ImportOrder.provenance(existing)) {
                            try writer.updateProvenance(record, in: "submissions")
                        }
                        continue
                    }
                    report.conflicting += 1
                    changed = true
                    if ImportOrder.prefers(record, over: existing) {
                        try writer.replace(existing, with: record)
                        try writer.keepConflict(existing)
                    } else {
                        try writer.keepConflict(record)
                    }
                }
                // New rows make earlier verdicts stale; verify runs again.
                if changed { try writer.dropVerdicts() }
                // A collector's counts only grow, so of two copies of its file the larger count is the later one:
                // importing a file again, or an older copy of it, changes nothing.
                let merge = try target.connection.prepare("""
                    INSERT INTO starts (collector_id, form_id, hour, count) VALUES (?, ?, ?, ?)
                    ON CONFLICT (collector_id, form_id, hour) DO UPDATE SET count = max(count, excluded.count)
                    """)
                for start in try source.starts() {
                    try merge.bind([start.collectorID, start.form, start.hour, String(start.count)])
                    _ = try merge.step()
                    merge.reset()
                }
            }
        } catch let error as TellerError {
            throw error
        } catch {
            throw TellerError("\(target.path): importing \(source.path) failed and was rolled back: \(error)")
        }
        return report
    }
}
