import Foundation
import Model

/// The `verdicts` table: what `verify` found about each ballot that does not simply count, under a fingerprint
/// of the manifest, rolls, settings and submissions, so `tally` reuses them only while they still hold; with the
/// count input made from them (`CountInputStore`).
struct VerdictStore {
    let database: CollectorDatabase

    /// The submissions' state as far as verdicts go: `serve` only appends and `import` clears the verdicts.
    func submissionsState() throws -> String {
        try database.connection.scalar("""
            SELECT count(*) || ':' || coalesce(max(rowid), 0) || ':' || (SELECT count(*) FROM sightings) FROM submissions
            """) ?? "0:0:0"
    }

    func save(_ list: VerdictList, manifest: BallotManifest, fingerprint: String) throws {
        try database.transaction {
            try database.connection.execute("DELETE FROM verdicts")
            let insert = try database.connection.prepare("INSERT INTO verdicts (receipt, verdict, detail, flags) VALUES (?, ?, ?, ?)")
            for (index, verdict) in list.verdicts.enumerated() where verdict.isNotable {
                try insert.bind([list.receipt(index), verdict.verdict.rawValue, verdict.detail,
                                 verdict.flags.isEmpty ? nil : verdict.flags.map(\.rawValue).joined(separator: ",")])
                _ = try insert.step()
            }
            try CountInputStore(database: database).save(list, manifest: manifest, fingerprint: fingerprint)
            let meta = try database.connection.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('verdicts_fingerprint', ?)")
            try meta.bind([fingerprint])
            _ = try meta.step()
        }
    }

    /// The stored verdicts by receipt, or nil when there are none for this fingerprint.
    func load(fingerprint: String) throws -> [String: BallotVerdict]? {
        guard try database.connection.scalar("SELECT value FROM meta WHERE key = 'verdicts_fingerprint'") == fingerprint else { return nil }
        var verdicts: [String: BallotVerdict] = [:]
        for row in try database.rows("SELECT receipt, verdict, detail, flags FROM verdicts") {
            guard let receipt = row[0], let verdict = row[1].flatMap(Verdict.init(rawValue:)) else { return nil }
            let flags = (row[3] ?? "").split(separator: ",").compactMap { BallotFlag(rawValue: String($0)) }
            verdicts[receipt] = BallotVerdict(verdict, detail: row[2], flags: flags)
        }
        return verdicts
    }
}
