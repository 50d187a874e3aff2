import Foundation

/// The generated site's folder (kiosk mode), where a `SitePath` names a file only if the file's real path, every
/// link followed, stays inside the folder's real path and has only servable names there.
struct SiteFolder: Sendable {
    let path: String

    /// What a path names in the folder.
    enum Entry {
        /// A regular file: its real path, its size, and the name its content type comes from (`index.html` for a folder).
        case file(realPath: String, size: Int, name: String)
        /// A folder named without its final `/`.
        case folderWithoutSlash
        case nothing
    }

    // realpath and stat, not the thread pool's asynchronous calls: each is one system call on a local disk, where
    // a hop to another thread would cost more than the call.
    func entry(_ sitePath: SitePath) -> Entry {
        guard let root = Self.realPath(path), let real = resolve(([root] + sitePath.names).joined(separator: "/"), root: root),
              let found = Self.status(real) else { return .nothing }
        if found.kind == S_IFDIR {
            guard sitePath.namesFolder else { return .folderWithoutSlash }
            guard let index = resolve(real + "/index.html", root: root), let page = Self.status(index), page.kind == S_IFREG else { return .nothing }
            return .file(realPath: index, size: page.size, name: "index.html")
        }
        guard found.kind == S_IFREG, !sitePath.namesFolder, let name = sitePath.names.last else { return .nothing }
        return .file(realPath: real, size: found.size, name: name)
    }

    /// The real path of `candidate` if it lies inside `root` with servable names all the way, else nil: a link that
    /// leaves the folder, or that points at a hidden or private file inside it, names nothing.
    private func resolve(_ candidate: String, root: String) -> String? {
        guard let real = Self.realPath(candidate), Self.isWithin(real, root: root),
              real.dropFirst(root.count).split(separator: "/").allSatisfy({ SitePath.isServable(String($0)) }) else { return nil }
        return real
    }

    /// Whether the real path `real` is the real path `root` or lies below it.
    static func isWithin(_ real: String, root: String) -> Bool {
        real == root || real.hasPrefix(root == "/" ? root : root + "/")
    }

    /// `path` with every link followed and no `.` or `..` left, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func status(_ path: String) -> (kind: mode_t, size: Int)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (status.st_mode & S_IFMT, Int(status.st_size))
    }
}
