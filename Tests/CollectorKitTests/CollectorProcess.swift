import Foundation

/// A real `collector serve` child process on a loopback port, for the tests that kill or stop it.
final class CollectorProcess {
    let process = Process()
    private(set) var port = 0
    private let output = Pipe()

    /// The `collector` executable built next to the test bundle.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let candidate = directory.appendingPathComponent("collector")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return Bundle(for: CollectorProcess.self).bundleURL.deletingLastPathComponent().appendingPathComponent("collector")
    }

    init(arguments: [String]) throws {
        process.executableURL = Self.executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = try readPort()
    }

    /// Reads stdout until the `collector listening on http://host:port` line.
    private func readPort() throws -> Int {
        let handle = output.fileHandleForReading
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("collector listening on ") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                return port
            }
        }
        throw StartError(output: text)
    }

    func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit; returns its status, or nil after `timeout` seconds.
    func wait(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    struct StartError: Error {
        let output: String
    }

    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }
}
