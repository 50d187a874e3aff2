import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells which files under some folders changed, were added or removed since the last call.
protocol ChangeSource {
    /// Waits up to `timeout` seconds for changes and returns their paths (possibly none).
    mutating func changes(waiting timeout: Double) -> [URL]
}

/// Watches folders by comparing modification times: portable, and what non-Linux systems use.
struct PollingWatcher: ChangeSource {
    let roots: [URL]
    private var known: [String: Date] = [:]

    init(roots: [URL]) {
        self.roots = roots
        known = scan()
    }

    mutating func changes(waiting timeout: Double) -> [URL] {
        Thread.sleep(forTimeInterval: timeout)
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

#if os(Linux)
/// Watches folders with inotify: the kernel reports each saved file at once, where a scan of a site of
/// tens of thousands of files would take longer than the re-render it triggers.
final class InotifyWatcher: ChangeSource {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY)

    init?(roots: [URL]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for root in roots { watchTree(root.standardizedFileURL.path) }
    }

    deinit { close(descriptor) }

    private func watchTree(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        if watch >= 0 { folders[watch] = path }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for entry in entries where !entry.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let child = path + "/" + entry
            if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue { watchTree(child) }
        }
    }

    func changes(waiting timeout: Double) -> [URL] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return [] }
        // Editors save in bursts (write, rename, chmod): gather the burst before answering.
        usleep(20_000)
        var changed: Set<String> = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset < count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<nameStart + length].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                if let folder = folders[watch], !name.isEmpty, !name.hasPrefix(".") {
                    let path = folder + "/" + name
                    if mask & UInt32(IN_ISDIR) != 0 {
                        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(path) }
                    } else {
                        changed.insert(path)
                    }
                }
                offset = nameStart + length
            }
        }
        return changed.sorted().map { URL(fileURLWithPath: $0) }
    }
}
#endif

/// The best watcher this system has.
enum FileWatcher {
    static func make(roots: [URL]) -> ChangeSource {
        #if os(Linux)
        if let watcher = InotifyWatcher(roots: roots) { return watcher }
        #endif
        return PollingWatcher(roots: roots)
    }
}
