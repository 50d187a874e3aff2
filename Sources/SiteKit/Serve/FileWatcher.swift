import Foundation

/// Notices changed, added and removed files under some folders by comparing modification times.
///
/// Polling keeps it portable and needs no watch per folder; a scan of a few thousand files costs a few
/// milliseconds, well inside the time a person takes to switch from editor to browser.
struct FileWatcher {
    let roots: [URL]
    private var known: [String: Date] = [:]

    init(roots: [URL]) {
        self.roots = roots
        known = scan()
    }

    /// Paths changed since the last call.
    mutating func changes() -> [URL] {
        let current = scan()
        var changed: [URL] = []
        for (path, date) in current where known[path] != date { changed.append(URL(fileURLWithPath: path)) }
        for path in known.keys where current[path] == nil { changed.append(URL(fileURLWithPath: path)) }
        known = current
        return changed.sorted { $0.path < $1.path }
    }

    private func scan() -> [String: Date] {
        var result: [String: Date] = [:]
        for root in roots {
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey], options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey]), values.isRegularFile == true else { continue }
                result[url.standardizedFileURL.path] = values.contentModificationDate ?? .distantPast
            }
        }
        return result
    }
}
