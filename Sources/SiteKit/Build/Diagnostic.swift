import Foundation

/// One problem found while building, located in a file and explained with a fix.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var step: String
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, step: String = "", file: String, line: Int = 1, column: Int = 1, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.step = step
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// The compiler-style line communicators and editors understand: `file:line:column: message (hint)`.
    public var description: String {
        var text = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        if !step.isEmpty { text += " [\(step)]" }
        return text
    }
}

/// Collects diagnostics from parallel work; errors never stop the collection so one build reports them all.
public final class DiagnosticSink: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []
    var step = ""
    /// Under `--strict`, warnings count as errors.
    var strict = false

    public init() {}

    func report(_ diagnostic: Diagnostic) {
        var d = diagnostic
        if d.step.isEmpty { d.step = step }
        if strict { d.severity = .error }
        lock.lock()
        if seen.insert(d).inserted { items.append(d) }
        lock.unlock()
    }

    func error(_ file: String, line: Int = 1, column: Int = 1, _ message: String, hint: String? = nil) {
        report(Diagnostic(.error, file: file, line: line, column: column, message, hint: hint))
    }

    func warning(_ file: String, line: Int = 1, column: Int = 1, _ message: String, hint: String? = nil) {
        report(Diagnostic(.warning, file: file, line: line, column: column, message, hint: hint))
    }

    func reset() {
        lock.lock(); items = []; seen = []; lock.unlock()
    }

    public var all: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return items.sorted { ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message) }
    }

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool {
        lock.lock(); defer { lock.unlock() }
        return items.contains { $0.severity == .error }
    }
}

/// A build that stopped on errors; carries every problem found so far.
public struct BuildFailure: Error, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
