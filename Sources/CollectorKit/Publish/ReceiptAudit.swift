import Foundation
import Model

/// `collector audit receipt`: a participant's held answer (the collector's acceptance, as the page keeps it) against a
/// published bundle (docs/AUDIT.md): the answer's proof, the collector's signature, the published log, the forms.
public enum ReceiptAudit {
    /// What the bundle says of the held ballot.
    public enum Finding: Equatable, Sendable {
        /// Listed by a form with this verdict (and its detail when set aside).
        case listed(form: String, verdict: Verdict, detail: String?)
        /// In the published log, in no form: the publisher dropped it.
        case dropped
        /// The published log does not hold the entry at its index: the log was rewritten, or not published.
        case notInLog
        /// The published log holds the entry, but its root at the held size is not the signed one: two logs.
        case forked

        /// Whether the bundle keeps the collector's word.
        public var holds: Bool {
            if case .listed = self { return true }
            return false
        }
    }

    /// The answer's own proof checked, then held to the bundle. `keys`: the collectors' public keys as the site
    /// publishes them; the answer's head must be signed by one. Throws when the answer proves nothing.
    public static func run(answer file: URL, bundle directory: URL, keys: [String]) throws -> Finding {
        let (entry, head, form) = try proof(file, keys: keys)
        let folder = directory.appendingPathComponent(BundleLogs.folder)
        let index = try BundleFormat.decoder().decode([BundleLogs.Listed].self, from: try BundleFiles.read(folder, BundleLogs.indexFile))
        for log in index where !log.file.contains("/") && !log.file.hasPrefix(".") {
            let leaves = try BundleLogs.entries(folder, log.file).map(\.leafHash)
            guard Int(entry.index) < leaves.count, leaves[Int(entry.index)] == entry.leafHash else { continue }
            guard Int(head.head.treeSize) <= leaves.count,
                  MerkleTree(leafHashes: Array(leaves.prefix(Int(head.head.treeSize)))).rootHash(treeSize: head.head.treeSize) == head.head.rootHash
            else { return .forked }
            return try listing(entry.receipt.hex, form: form, in: directory) ?? .dropped
        }
        return .notInLog
    }

    /// The entry, head and form of a held answer whose proof holds, signed by one of `keys`.
    static func proof(_ file: URL, keys: [String]) throws -> (LogEntry, SignedTreeHead, String) {
        guard let data = FileManager.default.contents(atPath: file.path),
              let answer = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let receipt = answer["receipt"] as? String, let storedAt = answer["stored_at"] as? String, let form = answer["form"] as? String,
              let log = answer["log"] as? [String: Any], let fields = log["entry"] as? [String: Any], let path = log["inclusion_path"] as? [String],
              let headObject = log["tree_head"], let headJSON = try? JSONSerialization.data(withJSONObject: headObject),
              let head = try? BundleFormat.decoder().decode(SignedTreeHead.self, from: headJSON),
              let index = (fields["index"] as? NSNumber)?.uint64Value, let milliseconds = (fields["received_ms"] as? NSNumber)?.uint64Value,
              let entryReceipt = (fields["receipt"] as? String).flatMap(Bytes32.init(hex:)), let collector = fields["collector_id"] as? String,
              let content = (fields["content"] as? String).flatMap(Bytes32.init(hex:)),
              let entry = LogEntry(index: index, receipt: entryReceipt, content: content, receivedMilliseconds: milliseconds, collectorID: collector)
        else {
            throw TellerError("\(file.path): not a collector's answer with its log (docs/LOG.md): save the answer the page keeps, or GET /v1/receipts/<receipt>")
        }
        let hashes = path.compactMap(Bytes32.init(hex:))
        guard entry.receipt.hex == receipt, LogRow.milliseconds(storedAt) == entry.receivedMilliseconds, entry.collectorID == head.head.collectorID,
              hashes.count == path.count,
              InclusionProof(leafIndex: entry.index, treeSize: head.head.treeSize, path: hashes).verify(leafHash: entry.leafHash, rootHash: head.head.rootHash)
        else {
            throw TellerError("\(file.path): the answer's proof does not hold (docs/LOG.md, \"Checking an answer\"): it proves nothing about the collector")
        }
        let signed = keys.contains { key in SignedTreeHead.publicKey(key).map(head.isSignatureValid) ?? false }
        guard signed else {
            throw TellerError("\(file.path): no --key given signed its head; pass the collector keys the site publishes (site.yaml collector_keys)")
        }
        return (entry, head, form)
    }

    /// The verdict of `receipt` in the folder of `form`, where a whole bundle keeps it: a copy of the form elsewhere in
    /// the folder is not the one counted. Nil when that folder does not list it.
    private static func listing(_ receipt: String, form: String, in directory: URL) throws -> Finding? {
        let folder = try FormPaths.folder(directory, form)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(BundleFormat.ballotsFile).path) else { return nil }
        for line in try BundleFiles.read(folder, BundleFormat.ballotsFile).split(separator: UInt8(ascii: "\n")) {
            guard let ballot = try? BundleFormat.decode(BundleFormat.Ballot.self, from: Data(line)), ballot.receipt == receipt else { continue }
            return .listed(form: form, verdict: ballot.verdict, detail: ballot.detail)
        }
        return nil
    }
}
