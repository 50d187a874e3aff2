import Foundation
import Model

/// The collectors' receipt logs in an audit bundle (docs/AUDIT.md, docs/LOG.md): `logs/index.json` lists them, and
/// `logs/<n>.jsonl` holds each one's entries in order. A recount of the whole bundle holds the forms' ballots to them:
/// a logged receipt that no form lists was dropped, a counted ballot that no log holds came from nowhere.
public enum BundleLogs {
    static let folder = "logs"
    static let indexFile = "index.json"

    /// One log as `index.json` lists it, with the heads its collector signed (docs/COUNTING.md section 8).
    struct Listed: Codable, Equatable {
        var file: String
        var log: String
        var size: Int
        var rootHash: String
        var heads: [SignedTreeHead]

        enum CodingKeys: String, CodingKey {
            case file, log, size, heads
            case rootHash = "root_hash"
        }
    }

    /// One line of a log's file: the entry, as the collector's answers show it.
    struct Line: Codable, Equatable {
        var collectorID: String
        var index: UInt64
        var receivedMilliseconds: UInt64
        var receipt: String

        enum CodingKeys: String, CodingKey {
            case index, receipt
            case collectorID = "collector_id"
            case receivedMilliseconds = "received_ms"
        }
    }

    /// A log read from the tellers' database, with the signed heads `import` checked against it.
    public struct Log {
        var name: String
        var entries: [LogEntry]
        var heads: [SignedTreeHead] = []
    }

    /// Every log `import` kept in the tellers' database, by name.
    public static func load(db: String) throws -> [Log] {
        let database = try CollectorDatabase.openForReading(db)
        var logs: [Log] = []
        for row in try database.rows("SELECT log, position, receipt, received_at, collector_id FROM logs ORDER BY log, position") {
            let name = row[0] ?? "", position = Int(row[1] ?? "") ?? -1
            if logs.last?.name != name { logs.append(Log(name: name, entries: [])) }
            guard position == logs[logs.count - 1].entries.count,
                  let entry = LogRow.entry(rowID: Int64(position) + 1, receipt: row[2] ?? "", receivedAt: row[3] ?? "", collectorID: row[4] ?? "") else {
                throw TellerError("\(db): log \(name) at position \(position) is not an entry `import` keeps; import the collectors' files again into a new file")
            }
            logs[logs.count - 1].entries.append(entry)
        }
        for row in try database.rows("SELECT log, \(LogRow.headColumns) FROM log_heads ORDER BY log, tree_size, timestamp_ms, signature") {
            guard let head = LogRow.head(Array(row[1...])), let at = logs.firstIndex(where: { $0.name == row[0] }) else {
                throw TellerError("\(db): a signed head of log \(row[0] ?? "") is not one `import` keeps; import the collectors' files again into a new file")
            }
            if !logs[at].heads.contains(head) { logs[at].heads.append(head) }
        }
        return logs
    }

    static func write(_ logs: [Log], to directory: URL) throws {
        guard !logs.isEmpty else { return }
        let folder = directory.appendingPathComponent(Self.folder)
        var listed: [Listed] = []
        for (number, log) in logs.enumerated() {
            let file = "\(number + 1).jsonl"
            var text = Data()
            for entry in log.entries {
                text += try CanonicalJSON.compact(Line(collectorID: entry.collectorID, index: entry.index, receivedMilliseconds: entry.receivedMilliseconds,
                                                       receipt: entry.receipt.hex)) + Data("\n".utf8)
            }
            try FormPaths.write(text, to: folder.appendingPathComponent(file))
            let root = MerkleTree(leafHashes: log.entries.map(\.leafHash)).rootHash(treeSize: UInt64(log.entries.count))!
            listed.append(Listed(file: file, log: log.name, size: log.entries.count, rootHash: root.hex, heads: log.heads))
        }
        try FormPaths.write(try ResultFiles.json(listed), to: folder.appendingPathComponent(indexFile))
    }

    /// The entries of the log file `file` in the bundle's `logs` folder, each line the entry at its own index.
    static func entries(_ folder: URL, _ file: String) throws -> [LogEntry] {
        let path = folder.appendingPathComponent(file).path
        let text = try BundleFiles.read(folder, file)
        return try text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().enumerated().map { number, line in
            guard let line = try? BundleFormat.decoder().decode(Line.self, from: Data(line)), line.index == UInt64(number),
                  let receipt = Bytes32(hex: line.receipt),
                  let entry = LogEntry(index: line.index, receipt: receipt, receivedMilliseconds: line.receivedMilliseconds, collectorID: line.collectorID)
            else { throw TellerError("\(path):\(number + 1): not the log entry at index \(number)") }
            return entry
        }
    }

    /// What checking a whole bundle's logs found: problems (the bundle breaks the collectors' word) and notes.
    struct Findings: Equatable {
        var problems: [String] = []
        var notes: [String] = []
    }

    /// The problems of a whole bundle's logs against its forms' ballots (`listed`: every receipt a form lists;
    /// `counted`: those marked valid) and the heads their collectors signed; none when the bundle has no logs.
    /// `keys`: when given, the collectors' keys as the site publishes them, which every log must be named by.
    static func check(_ directory: URL, listed: Set<String>, counted: Set<String>, keys: [String] = []) throws -> Findings {
        let folder = directory.appendingPathComponent(Self.folder)
        let indexPath = folder.appendingPathComponent(indexFile).path
        guard FileManager.default.fileExists(atPath: indexPath) else { return Findings() }
        let index: [Listed]
        do {
            index = try BundleFormat.decoder().decode([Listed].self, from: try BundleFiles.read(folder, indexFile))
        } catch let error as TellerError {
            throw error
        } catch {
            throw TellerError("\(indexPath): not a list of logs: \(error)")
        }
        var findings = Findings()
        var logged = Set<String>()
        for log in index {
            guard !log.file.contains("/"), !log.file.hasPrefix(".") else { throw TellerError("\(indexPath): `\(log.file)` is not a file of the logs folder") }
            let path = folder.appendingPathComponent(log.file).path
            let entries = try Self.entries(folder, log.file)
            for entry in entries {
                let receipt = entry.receipt.hex
                logged.insert(receipt)
                if !listed.contains(receipt) {
                    findings.problems.append("\(path):\(entry.index + 1): receipt \(receipt) is in log \(log.log) but in no form's ballots.jsonl: the ballot was dropped")
                }
            }
            let tree = MerkleTree(leafHashes: entries.map(\.leafHash))
            let root = tree.rootHash(treeSize: tree.size)!
            if entries.count != log.size || root.hex != log.rootHash {
                findings.problems.append("\(path): \(entries.count) entries with root \(root.hex), but \(indexPath) says \(log.size) with root \(log.rootHash)")
            }
            if !keys.isEmpty, !keys.contains(log.log) {
                findings.problems.append("\(indexPath): log \(log.log) is not named by any collector key given (--key): not a log of the site's collectors")
            }
            findings.problems += headProblems(log, tree: tree, indexPath: indexPath)
            let signedUpTo = log.heads.map(\.head.treeSize).max() ?? 0
            if signedUpTo < tree.size {
                findings.notes.append("log \(log.log): entries \(signedUpTo) to \(tree.size - 1) are under no head its collector signed, so only "
                                      + "participants' held answers vouch for them")
            }
        }
        for receipt in counted.subtracting(logged).sorted() {
            findings.problems.append("\(directory.path): ballot \(receipt) is counted but in no collector's log")
        }
        return findings
    }

    /// Each listed head that is not the log key's signed word for the log as published: a forked or rewritten log.
    private static func headProblems(_ log: Listed, tree: MerkleTree, indexPath: String) -> [String] {
        guard !log.heads.isEmpty else { return [] }
        guard let key = SignedTreeHead.publicKey(log.log) else {
            return ["\(indexPath): log \(log.log) lists signed heads but is not named by a log key, so nothing can check them"]
        }
        return log.heads.compactMap { head in
            head.problem(against: tree, publicKey: key).map {
                "\(indexPath): log \(log.log)'s head of \(head.head.treeSize) entries signed at \(head.head.timestampMilliseconds) ms does not hold: "
                    + $0 + " (a forked or rewritten log)"
            }
        }
    }
}
