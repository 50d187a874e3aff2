import Foundation
import Model

/// A batch on disk: `roll.txt` (public), `codes.csv` and `codes.html` (secret: readable by their owner only).
public struct CredentialFiles {
    public static let names = ["roll.txt"] + secretNames
    /// The files that hold the codes themselves.
    static let secretNames = ["codes.csv", "codes.html"]

    public let directory: URL

    public init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The batch's files that are already there.
    public func existing() -> [String] {
        Self.names.map(path).filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Writes the three files; refuses when any exists, unless `force`.
    public func write(_ batch: CredentialBatch, details: CardDetails, words: CardWords, force: Bool) throws(CredentialsError) {
        let present = existing()
        if !force, !present.isEmpty { throw .filesExist(present) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(directory.path, reason: error.localizedDescription)
        }
        try writeFile("roll.txt", secret: false) { out in try out.append(batch.roll.text) }
        try writeFile("codes.csv", secret: true) { out in
            try out.append("code,public_key\n")
            for (code, key) in zip(batch.codes, batch.publicKeys) { try out.append(code.grouped + "," + key + "\n") }
        }
        try writeFile("codes.html", secret: true) { out in
            try out.append(CodeSheet.header(rollID: batch.rollID, count: batch.codes.count, words: words))
            for code in batch.codes { try out.append(CodeSheet.card(code, rollID: batch.rollID, details: details, words: words)) }
            try out.append(CodeSheet.footer)
        }
    }

    /// Streams `body`'s text into `name` in chunks, so a million cards never sit in memory at once.
    private func writeFile(_ name: String, secret: Bool, _ body: (inout ChunkedWriter) throws -> Void) throws(CredentialsError) {
        let target = path(name)
        do {
            // Emptied, and given its final permissions, before any secret byte is written.
            let permissions = secret ? 0o600 : 0o644
            guard FileManager.default.createFile(atPath: target, contents: nil, attributes: [.posixPermissions: permissions]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: target)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
            defer { try? handle.close() }
            var writer = ChunkedWriter(handle: handle)
            try body(&writer)
            try writer.flush()
        } catch {
            throw .cannotWrite(target, reason: error.localizedDescription)
        }
    }
}

/// Collects text and writes it to a file handle about a megabyte at a time.
struct ChunkedWriter {
    let handle: FileHandle
    private var buffer: [UInt8] = []

    init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    mutating func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
