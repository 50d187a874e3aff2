import Foundation

/// Reading an audit bundle's files, which a stranger may have made.
enum BundleFiles {
    /// A file of the folder itself: a link (which could lead out of the bundle) or a pipe (which could hang the
    /// recount) is refused, as a missing file is.
    static func read(_ folder: URL, _ name: String) throws -> Data {
        let path = folder.appendingPathComponent(name).path
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw TellerError("\(path): not a plain file (a link or a pipe); a bundle holds its files themselves")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TellerError("\(folder.appendingPathComponent(name).path): missing; the bundle is incomplete")
        }
        return data
    }
}
