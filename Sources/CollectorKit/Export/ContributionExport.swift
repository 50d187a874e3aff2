import Foundation
import Model

/// `collector export --contributions`: every verified contribution not yet in the content folder, written there for
/// moderation; the identity fields of petition filings go to the moderators' CSV, never into the content.
public enum ContributionExport {
    public struct Summary: Equatable, Sendable {
        public var written: [ContributionFile] = []
        /// Valid contributions whose receipt a content file already names.
        public var alreadyExported = 0
        public var identities = 0
    }

    public static func run(verification: Verification, manifest: BallotManifest, content: URL, form onlyForm: String?,
                           identities: URL) throws -> Summary {
        let fm = FileManager.default
        let contentPath = content.standardizedFileURL.path
        guard fm.fileExists(atPath: contentPath) else {
            throw TellerError("--content \(content.path): no such folder (pass the site's content folder)")
        }
        if identities.standardizedFileURL.path.hasPrefix(contentPath + "/") {
            throw TellerError("--identities \(identities.path): it is inside the content folder, which is published; put it elsewhere")
        }
        let forms = Dictionary(manifest.forms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        if let onlyForm, forms[onlyForm] == nil { throw TellerError("--form \(onlyForm): the manifest has no such form") }
        var exported = ExportedReceipts(content: content)
        var summary = Summary()
        var identityRows: [[String]] = []
        for (index, record) in verification.records.enumerated() where verification.verdicts[index].verdict == .valid {
            guard let form = forms[record.form], onlyForm == nil || onlyForm == form.id, let ballot = verification.ballots[index],
                  form.kind == .proposal || form.kind == .comment, let received = ReceivedTime.parse(record.receivedAt) else { continue }
            if exported.receipts.contains(record.receipt) {
                summary.alreadyExported += 1
                continue
            }
            guard let file = ContributionFile.make(form: form, ballot: ballot, receipt: record.receipt, receivedAt: received,
                                                   defaultLanguage: manifest.defaultLanguage, slugTaken: exported.isTaken) else { continue }
            let url = content.appendingPathComponent(file.path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw TellerError("\(url.path): cannot write it (\(error.localizedDescription)); the files written so far are kept and the next run goes on from them")
            }
            exported.add(file)
            summary.written.append(file)
            if file.kind == .petition {
                let values = record.identity.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] } ?? [:]
                identityRows.append([record.receipt, form.id, file.path] + form.identityFields.map { values[$0.id] ?? "" })
            }
        }
        if !identityRows.isEmpty {
            try appendIdentities(identityRows, to: identities)
            summary.identities = identityRows.count
        }
        return summary
    }

    /// Appends `receipt,form,file,field…` rows (RFC 4180), with a header when the file is new.
    private static func appendIdentities(_ rows: [[String]], to url: URL) throws {
        let fm = FileManager.default
        var text = fm.fileExists(atPath: url.path) ? "" : "receipt,form,file,identity fields in the form's order\r\n"
        for row in rows { text += CSVWriter.record(row) + "\r\n" }
        do {
            if !fm.fileExists(atPath: url.path) { try Data().write(to: url) }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
        } catch {
            throw TellerError("--identities \(url.path): cannot write it (\(error.localizedDescription))")
        }
    }
}

/// The receipts the content folder's files already carry (`receipt:` in their front matter), and the file names
/// in use, so a second export writes nothing twice and never overwrites a file.
struct ExportedReceipts {
    private(set) var receipts: Set<String> = []
    private var stems: Set<String> = []

    init(content: URL) {
        let root = content.standardizedFileURL.path
        guard let files = FileManager.default.enumerator(atPath: root) else { return }
        for case let relative as String in files where relative.hasSuffix(".md") {
            stems.insert(Self.stem(relative))
            guard let text = try? String(contentsOfFile: root + "/" + relative, encoding: .utf8), text.hasPrefix("---") else { continue }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
                if line == "---" { break }
                if line.hasPrefix("receipt:") {
                    receipts.insert(line.dropFirst(8).trimmingCharacters(in: CharacterSet(charactersIn: " \"'")))
                }
            }
        }
    }

    func isTaken(_ stem: String) -> Bool { stems.contains(stem) }

    mutating func add(_ file: ContributionFile) {
        receipts.insert(file.receipt)
        stems.insert(Self.stem(file.path))
    }

    /// `city/ideas/more-trees.en.md` -> `city/ideas/more-trees`: one name serves every language of a page.
    private static func stem(_ path: String) -> String {
        var parts = path.split(separator: ".")
        if parts.count >= 3 { parts.removeLast(2) } else if parts.count == 2 { parts.removeLast() }
        return parts.joined(separator: ".")
    }
}
