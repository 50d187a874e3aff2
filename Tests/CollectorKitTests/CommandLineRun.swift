import Foundation

/// Runs the built `collector` executable to completion, as a teller would from the shell.
struct CommandLineRun {
    let status: Int32
    let output: String
    let errors: String

    /// The repository's venv's Python, where `scripts/install-deps.sh --test` puts pabutools and cryptography; a missing
    /// one fails the tests that need it, since the test command installs it.
    static let venvPython = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.venv/bin/python3").standardized
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// With `timeout`, the command gets SIGTERM after that many seconds, so one that should have refused to start
    /// (`serve`) fails its test instead of hanging it.
    init(_ arguments: [String], executable: URL = CollectorProcess.executable, directory: URL? = nil, timeout: TimeInterval? = nil) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stop = DispatchWorkItem { if process.isRunning { process.terminate() } }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: stop) }
        defer { stop.cancel() }
        // Read before waiting, so a large output cannot fill the pipe and stall the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        output = String(decoding: outData, as: UTF8.self)
        errors = String(decoding: errData, as: UTF8.self)
    }
}
