import Foundation

/// A real `sitegen` child process, for the tests that run the command as a communicator does.
final class SitegenProcess {
    let process = Process()
    private let output = Pipe()
    private var printed = ""

    /// The `sitegen` executable built next to the test bundle.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let candidate = directory.appendingPathComponent("sitegen")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return Bundle(for: SitegenProcess.self).bundleURL.deletingLastPathComponent().appendingPathComponent("sitegen")
    }

    init(_ arguments: [String], directory: URL) throws {
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Reads what the process prints until a whole line starts with `prefix`; returns the rest of that line.
    func line(startingWith prefix: String, timeout: TimeInterval = 60) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let whole = printed.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let line = whole.first(where: { $0.hasPrefix(prefix) }) { return String(line.dropFirst(prefix.count)) }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        throw Unexpected(printed: printed)
    }

    /// Runs `sitegen` to its end, as a communicator does from the shell: its exit status and all it printed.
    static func run(_ arguments: [String], directory: URL) throws -> (status: Int32, printed: String) {
        let sitegen = try SitegenProcess(arguments, directory: directory)
        let data = sitegen.output.fileHandleForReading.readDataToEndOfFile()
        sitegen.process.waitUntilExit()
        return (sitegen.process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Stops the process as Ctrl-C does and waits for it; nil if it is still running after `timeout` seconds.
    func interrupt(timeout: TimeInterval = 40) -> Int32? {
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    struct Unexpected: Error {
        let printed: String
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
