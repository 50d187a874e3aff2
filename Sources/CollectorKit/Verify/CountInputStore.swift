import Crypto
import Foundation
import Model

/// The `count_input` table: what `tally` counts (`CountInputBytes`), written with the verdicts under their
/// fingerprint, so a count of the same inputs reads it instead of every submission. Read back only while the
/// verdicts' fingerprint is the inputs' and the parts hash to `meta.count_input_digest` (a SHA-256 of the fingerprint
/// and the parts): an altered, missing or foreign part sends `tally` back to verifying.
struct CountInputStore {
    let database: CollectorDatabase

    /// Bytes per part: half of what one value of an untrusted file may hold.
    private static let partSize = Int(SQLiteConnection.untrustedValueLimit) / 2

    /// Replaces the stored count input with `list`'s; inside the transaction that stores the verdicts.
    func save(_ list: VerdictList, manifest: BallotManifest, fingerprint: String) throws {
        try database.connection.execute("DELETE FROM count_input")
        let insert = try database.connection.prepare("INSERT INTO count_input (part, bytes) VALUES (?, ?)")
        var digest = Self.digest(fingerprint)
        var part: Int64 = 0
        try CountInputBytes.encode(list, manifest: manifest, piece: Self.partSize) { bytes in
            digest.update(data: bytes)
            insert.reset()
            try insert.bind(part, at: 1)
            try insert.bind(bytes, at: 2)
            _ = try insert.step()
            part += 1
        }
        let meta = try database.connection.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('count_input_digest', ?)")
        try meta.bind([Hex.encode(digest.finalize())])
        _ = try meta.step()
    }

    /// The stored count input when it was made from the inputs `fingerprint` names and is intact, else nil.
    func load(fingerprint: String, manifest: BallotManifest) throws -> CountInput? {
        guard try database.connection.scalar("SELECT value FROM meta WHERE key = 'verdicts_fingerprint'") == fingerprint,
              let expected = try database.connection.scalar("SELECT value FROM meta WHERE key = 'count_input_digest'")
        else { return nil }
        var digest = Self.digest(fingerprint)
        var bytes: [UInt8] = []
        let parts = try database.connection.prepare("SELECT part, bytes FROM count_input ORDER BY part")
        var next = 0
        while try parts.step() {
            guard parts.int(0) == next else { return nil }
            let part = parts.bytes(1)
            digest.update(data: part)
            bytes += part
            next += 1
        }
        guard Hex.encode(digest.finalize()) == expected else { return nil }
        return CountInputBytes.decode(bytes, manifest: manifest)
    }

    private static func digest(_ fingerprint: String) -> SHA256 {
        var digest = SHA256()
        digest.update(data: Data((fingerprint + "\n").utf8))
        return digest
    }
}
