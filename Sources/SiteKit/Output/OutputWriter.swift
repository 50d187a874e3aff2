import Foundation

/// Writes a build into a staging folder beside the output and swaps it in only when the build succeeded,
/// so a failed build leaves the previous site untouched. A discarding writer writes nothing: `sitegen check`
/// runs every step of the build through one.
struct OutputWriter: Sendable {
    let output: URL
    let staging: URL
    let discards: Bool

    init(output: URL, inPlace: Bool = false, discards: Bool = false) {
        self.discards = discards
        self.output = output.standardizedFileURL
        staging = inPlace ? self.output : self.output.deletingLastPathComponent()
            .appendingPathComponent(".\(self.output.lastPathComponent).tmp-\(getpid())")
    }

    func prepare() throws {
        guard !discards else { return }
        let fm = FileManager.default
        if staging != output, fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Creates every folder the given files need, once, before parallel writes.
    func makeDirectories(for paths: [String]) throws {
        guard !discards else { return }
        var folders = Set<String>()
        for path in paths { folders.insert(ContentPath.parent(of: path)) }
        for folder in folders.sorted() where !folder.isEmpty {
            try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// Writes one file into the staging folder; safe to call from many threads at once.
    func write(_ path: String, _ bytes: some Sequence<UInt8>, sink: DiagnosticSink) {
        guard !discards else { return }
        let target = staging.appendingPathComponent(path).path
        var descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            // Pages found while rendering (listing variants) have no folder made in advance.
            try? FileManager.default.createDirectory(atPath: ContentPath.parent(of: target), withIntermediateDirectories: true)
            descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard descriptor >= 0 else {
            sink.error(target, "cannot write this file: \(String(cString: strerror(errno)))", hint: "check the output folder's permissions and free space")
            return
        }
        defer { close(descriptor) }
        let data = Array(bytes)
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, data.count - offset) }
            if written <= 0 {
                sink.error(target, "cannot write this file: \(String(cString: strerror(errno)))", hint: "check free space")
                return
            }
            offset += written
        }
    }

    func write(_ path: String, _ text: String, sink: DiagnosticSink) {
        write(path, text.utf8, sink: sink)
    }

    func copy(_ source: URL, to path: String, sink: DiagnosticSink) {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            sink.error(source.path, "cannot read this file", hint: "check that it is readable")
            return
        }
        write(path, data, sink: sink)
    }

    /// Replaces the output with the staging folder: the old site stays whole until this moment.
    func commit() throws {
        guard staging != output, !discards else { return }
        let fm = FileManager.default
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        if fm.fileExists(atPath: output.path) { try fm.moveItem(at: output, to: old) }
        try fm.moveItem(at: staging, to: output)
        if fm.fileExists(atPath: old.path) { try? fm.removeItem(at: old) }
    }

    func discard() {
        guard staging != output, !discards else { return }
        try? FileManager.default.removeItem(at: staging)
    }
}
