import Foundation

/// A progress line for long builds, drawn only when standard error is a terminal.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let label: String
    private var done = 0
    private var lastDrawn = 0

    init?(label: String, total: Int) {
        guard total >= 2000, isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
        self.total = total
    }

    func advance(by count: Int) {
        lock.lock()
        done += count
        let shouldDraw = done - lastDrawn >= total / 50 || done == total
        if shouldDraw { lastDrawn = done }
        let current = done
        lock.unlock()
        if shouldDraw {
            FileHandle.standardError.write(Data("\r\(label) \(current)/\(total)\(current == total ? "\r\u{1B}[K" : "")".utf8))
        }
    }
}
