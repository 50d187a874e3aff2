import Foundation
import Model

/// The collectors' receipt logs in an audit bundle (docs/AUDIT.md, docs/LOG.md): `logs/index.json` lists them, and
/// `logs/<n>.jsonl` holds each one's entries in order. A recount of the whole bundle holds the forms' ballots to them:
/// a logged receipt that no form lists was dropped, a counted ballot that no log holds came from nowhere.
public enum BundleLogs {
    static let folder = "logs"
    static let indexFile = "index.json"

    /// One log as `index.json` lists it.
    struct Listed: Codable, Equatable {
        var file: String
        var log: String
        var size: Int
        var rootHash: String

        enum CodingKeys: String, CodingKey {
            case file, log, size
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

    /// A log read from the tellers' database.
    public struct Log {
        var name: String
        var entries: [LogEntry]
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
            listed.append(Listed(file: file, log: log.name, size: log.entries.count, rootHash: root.hex))
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

    /// The problems of a whole bundle's logs against its forms' ballots (`listed`: every receipt a form lists;
    /// `counted`: those marked valid); none when the bundle has no logs.
    static func problems(_ directory: URL, listed: Set<String>, counted: Set<String>) throws -> [String] {
        let folder = directory.appendingPathComponent(Self.folder)
        let indexPath = folder.appendingPathComponent(indexFile).path
        guard FileManager.default.fileExists(atPath: indexPath) else { return [] }
        let index: [Listed]
        do {
            index = try BundleFormat.decoder().decode([Listed].self, from: try BundleFiles.read(folder, indexFile))
        } catch let error as TellerError {
            throw error
        } catch {
            throw TellerError("\(indexPath): not a list of logs: \(error)")
        }
        var problems: [String] = []
        var logged = Set<String>()
        for log in index {
            guard !log.file.contains("/"), !log.file.hasPrefix(".") else { throw TellerError("\(indexPath): `\(log.file)` is not a file of the logs folder") }
            let path = folder.appendingPathComponent(log.file).path
            let entries = try Self.entries(folder, log.file)
            for entry in entries {
                let receipt = entry.receipt.hex
                logged.insert(receipt)
                if !listed.contains(receipt) {
                    problems.append("\(path):\(entry.index + 1): receipt \(receipt) is in log \(log.log) but in no form's ballots.jsonl: the ballot was dropped")
                }
            }
            let leaves = entries.map(\.leafHash)
            let root = MerkleTree(leafHashes: leaves).rootHash(treeSize: UInt64(leaves.count))!
            if leaves.count != log.size || root.hex != log.rootHash {
                problems.append("\(path): \(leaves.count) entries with root \(root.hex), but \(indexPath) says \(log.size) with root \(log.rootHash)")
            }
        }
        for receipt in counted.subtracting(logged).sorted() {
            problems.append("\(directory.path): ballot \(receipt) is counted but in no collector's log")
        }
        return problems
    }
}
