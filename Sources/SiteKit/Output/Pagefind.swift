import Foundation

/// Site search: runs Pagefind over the finished site when it is installed, and says so when it is not.
enum Pagefind {
    static func executable() -> URL? {
        let names = ["pagefind_extended", "pagefind"]
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in names {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// Indexes `site`; returns a line for the summary.
    static func run(site: URL, sink: DiagnosticSink) -> String {
        guard let tool = executable() else {
            return "search: Pagefind is not installed, the site has no search index (pip install pagefind-bin)"
        }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--site", site.path, "--silent"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                sink.error(tool.path, "Pagefind failed: \(String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))",
                           hint: "run it by hand with --site to see more, or uninstall it to build without search")
                return ""
            }
            return "search: indexed with Pagefind"
        } catch {
            sink.error(tool.path, "cannot start Pagefind: \(error)", hint: "reinstall it with pip install pagefind-bin")
            return ""
        }
    }
}
