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
        var content: String
        var index: UInt64
        var receivedMilliseconds: UInt64
        var receipt: String

        enum CodingKeys: String, CodingKey {
            case index, receipt, content
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
        for row in try database.rows("SELECT log, position, receipt, received_at, collector_id, content FROM logs ORDER BY log, position") {
            let name = row[0] ?? "", position = Int(row[1] ?? "") ?? -1
            if logs.last?.name != name { logs.append(Log(name: name, entries: [])) }
            guard position == logs[logs.count - 1].entries.count,
                  let entry = LogRow.entry(rowID: Int64(position) + 1, receipt: row[2] ?? "", content: row[5] ?? "", receivedAt: row[3] ?? "",
                                           collectorID: row[4] ?? "") else {
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
                text += try CanonicalJSON.compact(Line(collectorID: entry.collectorID, content: entry.content.hex, index: entry.index,
                                                       receivedMilliseconds: entry.receivedMilliseconds, receipt: entry.receipt.hex)) + Data("\n".utf8)
            }
            try FormPaths.write(text, to: folder.appendingPathComponent(file))
            let root = MerkleTree(leafHashes: log.entries.map(\.leafHash)).rootHash(treeSize: UInt64(log.entries.count))!
            listed.append(Listed(file: file, log: log.name, size: log.entries.count, rootHash: root.hex, heads: log.heads))
        }
        try FormPaths.write(try ResultFiles.json(listed), to: folder.appendingPathComponent(indexFile))
    }

    /// The entries of the log file `file` in the bundle's `logs` folder, each line the canonical JSON of the entry at
    /// its own index and nothing else (no other spelling of a number, no other member, no name twice).
    static func entries(_ folder: URL, _ file: String) throws -> [LogEntry] {
        let path = folder.appendingPathComponent(file).path
        let text = try BundleFiles.read(folder, file)
        guard text.isEmpty || text.last == UInt8(ascii: "\n") else { throw TellerError("\(path): its last line is cut") }
        return try text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().enumerated().map { number, line in
            guard let read = try? BundleFormat.decoder().decode(Line.self, from: Data(line)), read.index == UInt64(number),
                  (try? CanonicalJSON.compact(read)) == Data(line),
                  let receipt = Bytes32(hex: read.receipt), let content = Bytes32(hex: read.content),
                  let entry = LogEntry(index: read.index, receipt: receipt, content: content, receivedMilliseconds: read.receivedMilliseconds,
                                       collectorID: read.collectorID)
            else { throw TellerError("\(path):\(number + 1): not the log entry at index \(number), as canonical JSON") }
            return entry
        }
    }

    /// The folder of a whole bundle under `directory` (or `directory` itself): the one whose `logs/index.json` is there,
    /// so a recount started above the bundle still holds its ballots to its logs; nil when there is none.
    static func root(_ directory: URL) throws -> URL? {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(folder).appendingPathComponent(indexFile).path) { return directory }
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return nil }
        var found: [URL] = []
        for case let url as URL in walker where url.lastPathComponent == indexFile && url.deletingLastPathComponent().lastPathComponent == folder {
            found.append(url.deletingLastPathComponent().deletingLastPathComponent())
        }
        guard found.count <= 1 else {
            throw TellerError("\(directory.path): \(found.count) folders of logs below it (\(found.map(\.path).sorted().joined(separator: ", "))); pass one bundle")
        }
        return found.first
    }

    /// What a form folder's line says of a ballot that the logs vouch for: where it is listed, the form its text
    /// names, whether its signature is the one its receipt hashes, its content and every arrival time.
    struct Listing {
        var folderForm: String
        var ballotForm: String?
        var signatureIsReceipts: Bool
        var content: Bytes32
        var times: [String]

        init(_ line: BundleFormat.Ballot, folderForm: String) {
            self.folderForm = folderForm
            ballotForm = try? CanonicalBallot.parse(line.ballot).form
            signatureIsReceipts = Base64URL.decode(line.signature).map { SignedBallot.receipt(ofSignature: $0) == line.receipt } ?? false
            content = LogEntry.content(publicKey: line.publicKey, ballot: line.ballot)
            times = [line.receivedAt] + (line.alsoReceived ?? [])
        }
    }

    /// What checking a whole bundle's logs found: problems (the bundle breaks the collectors' word) and notes.
    struct Findings: Equatable {
        var problems: [String] = []
        var notes: [String] = []
    }

    /// The problems of a whole bundle's logs against its forms' ballots (`listed`: what each line of every form folder
    /// says, by receipt) and the heads their collectors signed. `keys`: when given, the collectors' keys
    /// as the site publishes them; the bundle must hold a log named by each and none other.
    static func check(_ directory: URL, listed: [String: [Listing]], keys: [String] = []) throws -> Findings {
        let folder = directory.appendingPathComponent(Self.folder)
        let indexPath = folder.appendingPathComponent(indexFile).path
        let index: [Listed]
        do {
            let text = try BundleFiles.read(folder, indexFile)
            index = try BundleFormat.decoder().decode([Listed].self, from: text)
            guard try ResultFiles.json(index) == text else { throw TellerError("\(indexPath): not the canonical JSON of its logs (COUNTING.md section 8)") }
        } catch let error as TellerError {
            throw error
        } catch {
            throw TellerError("\(indexPath): not a list of logs: \(error)")
        }
        var findings = Findings()
        var logged: [String: [LogEntry]] = [:]
        for missing in Set(keys).subtracting(index.map(\.log)).sorted() {
            findings.problems.append("\(indexPath): no log of collector key \(missing): the bundle leaves out a collector's log")
        }
        var names = Set<String>()
        for log in index {
            guard !log.file.contains("/"), !log.file.hasPrefix("."), names.insert(log.log).inserted,
                  index.filter({ $0.file == log.file }).count == 1 else {
                throw TellerError("\(indexPath): log \(log.log) in `\(log.file)` is not a file of the logs folder, or listed twice")
            }
            let path = folder.appendingPathComponent(log.file).path
            let entries = try Self.entries(folder, log.file)
            for entry in entries {
                let receipt = entry.receipt.hex
                logged[receipt, default: []].append(entry)
                if listed[receipt] == nil {
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
            guard SignedTreeHead.publicKey(log.log) != nil else {
                if log.heads.isEmpty {
                    findings.notes.append("log \(CanonicalJSON.quote(log.log)) is not named by a collector key, so no signature holds its \(entries.count) entries")
                } else {
                    findings.problems.append("\(indexPath): log \(log.log) lists signed heads but is not named by a log key, so nothing can check them")
                }
                continue
            }
            findings.problems += headProblems(log, tree: tree, indexPath: indexPath)
            let signedUpTo = log.heads.map(\.head.treeSize).max() ?? 0
            if signedUpTo < tree.size {
                findings.problems.append("\(indexPath): log \(log.log)'s entries \(signedUpTo) to \(tree.size - 1) are under no head its collector "
                                         + "signed (it signs one of its whole log whenever it stops or starts): a rewritten log with its heads left out")
            }
        }
        // Every line must be a ballot a collector logged, shown as it was logged: in its own form's folder, once, with
        // the signature its receipt hashes, the key and text the entry holds, and exactly the arrivals the collectors
        // logged for that content (an arrival decides windows, revotes and thresholds; a left-out one can set a ballot aside).
        for (receipt, listings) in listed.sorted(by: { $0.key < $1.key }) {
            let at = "\(directory.path): ballot \(receipt)"
            guard let entries = logged[receipt] else {
                findings.problems.append(at + " is listed but in no collector's log: a ballot no collector received")
                continue
            }
            guard listings.count == 1, let listing = listings.first else {
                findings.problems.append(at + " is listed under \(listings.count) forms: " + listings.map(\.folderForm).joined(separator: ", "))
                continue
            }
            if listing.ballotForm != listing.folderForm {
                findings.problems.append(at + " is listed under form \(listing.folderForm), but its text is form \(listing.ballotForm ?? "(none)")'s")
            }
            if !listing.signatureIsReceipts {
                findings.problems.append(at + "'s signature in its line is not the one its receipt hashes: a signature changed after it was logged")
            }
            let same = entries.filter { $0.content == listing.content }
            guard !same.isEmpty else {
                findings.problems.append(at + "'s key and text in its line are not what any collector logged under its receipt: a ballot's "
                                         + "content changed after it was logged")
                continue
            }
            let logTimes = Set(same.map(\.receivedMilliseconds))
            let lineTimes = Set(listing.times.map { LogRow.milliseconds($0) ?? .max })
            for time in listing.times where !logTimes.contains(LogRow.milliseconds(time) ?? .max) {
                findings.problems.append(at + " arrived at \(time), by its line, but no collector's log holds that arrival for it: an arrival "
                                         + "time the collectors never recorded")
            }
            for time in logTimes.subtracting(lineTimes).sorted() {
                findings.problems.append(at + " was logged as received at \(time) ms, an arrival its line leaves out")
            }
        }
        return findings
    }

    /// Each listed head that is not the log key's signed word for the log as published: a forked or rewritten log.
    private static func headProblems(_ log: Listed, tree: MerkleTree, indexPath: String) -> [String] {
        guard !log.heads.isEmpty else { return [] }
        guard let key = SignedTreeHead.publicKey(log.log) else { return [] }
        let order = log.heads.map { ($0.head.treeSize, $0.head.timestampMilliseconds, Base64URL.encode($0.signature)) }
        guard zip(order, order.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return ["\(indexPath): log \(log.log)'s heads are not in order of tree_size, timestamp_ms and signature, each once"]
        }
        return log.heads.compactMap { head in
            head.problem(against: tree, publicKey: key).map {
                "\(indexPath): log \(log.log)'s head of \(head.head.treeSize) entries signed at \(head.head.timestampMilliseconds) ms does not hold: "
                    + $0 + " (a forked or rewritten log)"
            }
        }
    }
}
