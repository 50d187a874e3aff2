import Foundation

/// The dev server's view of the last build: a version that changes on each good build, and the errors of
/// the last failed one, which the page overlay shows.
final class BuildState: @unchecked Sendable {
    private let lock = NSLock()
    private var version = 0
    private var errors: [String] = []

    func succeeded() {
        lock.lock(); version += 1; errors = []; lock.unlock()
    }

    func failed(_ diagnostics: [Diagnostic]) {
        lock.lock(); errors = diagnostics.map(\.description); lock.unlock()
    }

    var snapshot: (version: Int, errors: [String]) {
        lock.lock(); defer { lock.unlock() }
        return (version, errors)
    }

    func json() -> String {
        let (version, errors) = snapshot
        let data = try! JSONSerialization.data(withJSONObject: ["version": String(version), "errors": errors], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
