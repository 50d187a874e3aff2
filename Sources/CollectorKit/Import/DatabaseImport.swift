import Foundation
import Model

/// `collector import`: merges collectors' files into one by receipt, one transaction per source file.
///
/// Idempotent and order-independent, and no file can steer it: a row is first checked to be what it claims
/// (`ImportOrder.refusal`) or set aside; of different signed contents under one receipt, `ImportOrder.prefers`
/// picks the one in `submissions` and the others go to `import_conflicts`; every sighting of a content (collector,
/// time, address hash, identity fields, file) is kept, none overwritten, and `verify` weighs them (`Arrival`).
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

    /// A source's rows as candidates: its submissions with their sightings, and what a merged file kept aside
    /// (conflicts and rejects), which are judged again here like any other row.
    private static func candidates(_ source: CollectorDatabase) throws -> [(record: SubmissionRecord, sightings: [Sighting])] {
        let kept = try source.sightings()
        let relabel = { (sighting: Sighting) -> Sighting in
            var copy = sighting
            copy.source = sighting.source.isEmpty ? source.path : source.path + " (from " + sighting.source + ")"
            return copy
        }
        var result = try source.submissions().map { record in
            (record: record, sightings: (kept[record.receipt] ?? [Sighting(record)]).map(relabel))
        }
        for table in ["import_conflicts", "import_rejects"] {
            result += try source.submissions(table: table).map { (record: $0, sightings: [relabel(Sighting($0))]) }
        }
        return result
    }

    private static func importOne(_ source: CollectorDatabase, into target: CollectorDatabase) throws -> ImportReport {
        guard try source.connection.scalar("PRAGMA quick_check") == "ok" else {
            throw TellerError("\(source.path): SQLite's integrity check fails; nothing of it was imported (restore the file from a backup)")
        }
        let rows: [(record: SubmissionRecord, sightings: [Sighting])]
        do {
            rows = try candidates(source)
        } catch {
            throw TellerError("\(source.path): cannot read its submissions: \(error)")
        }
        var report = ImportReport(file: source.path)
        do {
            try target.transaction {
                let writer = try ImportWriter(target.connection)
                var changed = false
                for (record, sightings) in rows {
                    if let reason = ImportOrder.refusal(record) {
                        try writer.reject(record, source: source.path, reason: reason)
                        report.setAside += 1
                        continue
                    }
                    guard let existing = try writer.stored(record.receipt) else {
                        try writer.insert(record, into: "submissions")
                        for sighting in sightings { _ = try writer.add(sighting, to: record.receipt) }
                        try writer.showFirstSighting(record.receipt)
                        report.new += 1
                        changed = true
                        continue
                    }
                    if ImportOrder.content(existing) == ImportOrder.content(record) {
                        report.duplicate += 1
                        var added = false
                        for sighting in sightings where try writer.add(sighting, to: record.receipt) { added = true }
                        if added {
                            try writer.showFirstSighting(record.receipt)
                            changed = true
                        }
                        continue
                    }
                    report.conflicting += 1
                    changed = true
                    if ImportOrder.prefers(record, over: existing) {
                        try writer.replace(existing, with: record)
                        for sighting in sightings { _ = try writer.add(sighting, to: record.receipt) }
                        try writer.showFirstSighting(record.receipt)
                    } else {
                        for sighting in sightings { try writer.keepConflict(sighting.applied(to: record)) }
                    }
                }
                // New rows or sightings make earlier verdicts stale; verify runs again.
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
