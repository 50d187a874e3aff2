import Foundation

/// Site search: runs Pagefind over the finished site when it is installed, and says so when it is not.
enum Pagefind {
    static let missingNotice = "search: Pagefind is not installed, the site has no search index (bash scripts/install-deps.sh installs it into .venv)"

    /// Pagefind on `PATH`, else the binary inside the `pagefind_bin` Python package, which pip does not put on `PATH`.
    static func locate(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "", python: () -> URL? = pythonPackageBinary) -> URL? {
        for directory in path.split(separator: ":") {
            for name in ["pagefind_extended", "pagefind"] {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return python()
    }

    /// In the Python on `PATH`, else in the repository's venv (`.venv`, made by scripts/install-deps.sh) when
    /// sitegen runs from the repository.
    static func pythonPackageBinary() -> URL? {
        packageBinary(python: ["/usr/bin/env", "python3"]) ?? packageBinary(python: [".venv/bin/python3"])
    }

    private static func packageBinary(python: [String]) -> URL? {
        guard FileManager.default.isExecutableFile(atPath: python[0]) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python[0])
        process.arguments = Array(python.dropFirst()) + ["-c", "import pagefind_bin; print(pagefind_bin.get_executable())"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// Indexes `site` with `tool`; returns a line for the summary.
    static func run(tool: URL?, site: URL, sink: DiagnosticSink) -> String {
        guard let tool else { return missingNotice }
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
            sink.error(tool.path, "cannot start Pagefind: \(error)", hint: "reinstall it: bash scripts/install-deps.sh (into .venv)")
            return ""
        }
    }
}
