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

    /// The file a sighting is vouched for by: the source, and where a merged source had it from.
    private static func relabel(_ sighting: Sighting, in source: CollectorDatabase) -> Sighting {
        var copy = sighting
        copy.source = sighting.source.isEmpty ? source.path : source.path + " (from " + sighting.source + ")"
        return copy
    }

    private static func importOne(_ source: CollectorDatabase, into target: CollectorDatabase) throws -> ImportReport {
        guard try source.connection.scalar("PRAGMA quick_check") == "ok" else {
            throw TellerError("\(source.path): SQLite's integrity check fails; nothing of it was imported (restore the file from a backup)")
        }
        let merged = try source.holdsSightings()
        var report = ImportReport(file: source.path)
        do {
            try target.transaction {
                let writer = try ImportWriter(target.connection)
                var changed = false
                // A source's rows one chunk at a time, so a large or hostile file costs memory by the chunk: its
                // submissions with their sightings, then what a merged file kept aside, judged again like any row.
                for table in ["submissions", "import_conflicts", "import_rejects"] {
                    let next = try reading(source) { try source.chunks(of: table, prefetch: false) }
                    while let chunk = try reading(source, next) {
                        for record in chunk {
                            let kept = table == "submissions" && merged ? try reading(source) { try source.sightings(of: record.receipt) } : []
                            let sightings = (kept.isEmpty ? [Sighting(record)] : kept).map { relabel($0, in: source) }
                            if try merge(record, sightings: sightings, from: source, with: writer, report: &report) { changed = true }
                        }
                    }
                }
                report.log = try reading(source) { try LogImport.run(source, merged: merged, into: target.connection) }
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

    /// Reads from a source, naming it in any error.
    private static func reading<T>(_ source: CollectorDatabase, _ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch {
            throw TellerError("\(source.path): cannot read its submissions: \(error)")
        }
    }

    /// Merges one row with its sightings into the target; true when the target changed.
    private static func merge(_ record: SubmissionRecord, sightings: [Sighting], from source: CollectorDatabase, with writer: ImportWriter,
                              report: inout ImportReport) throws -> Bool {
        if let reason = ImportOrder.refusal(record) ?? sightings.lazy.compactMap(ImportOrder.refusal).first {
            try writer.reject(record, source: source.path, reason: reason)
            report.setAside += 1
            return false
        }
        guard let existing = try writer.stored(record.receipt) else {
            try writer.insert(record, into: "submissions")
            for sighting in sightings { _ = try writer.add(sighting, to: record.receipt) }
            try writer.showFirstSighting(record.receipt)
            report.new += 1
            return true
        }
        if ImportOrder.content(existing) == ImportOrder.content(record) {
            report.duplicate += 1
            var added = false
            for sighting in sightings where try writer.add(sighting, to: record.receipt) { added = true }
            if added { try writer.showFirstSighting(record.receipt) }
            return added
        }
        report.conflicting += 1
        if ImportOrder.prefers(record, over: existing) {
            try writer.replace(existing, with: record)
            for sighting in sightings { _ = try writer.add(sighting, to: record.receipt) }
            try writer.showFirstSighting(record.receipt)
        } else {
            for sighting in sightings { try writer.keepConflict(sighting.applied(to: record)) }
        }
        return true
    }
}
