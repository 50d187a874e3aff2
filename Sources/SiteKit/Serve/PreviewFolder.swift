import Foundation

/// Where `sitegen serve` builds: a new folder under the system's temporary folder, never the site's output, so
/// the live-reload script it adds to every page cannot reach a folder that gets published.
public struct PreviewFolder: Sendable {
    public let url: URL

    /// Makes a folder no other process uses (`mkdtemp`), so two previews never write into each other.
    public static func make(in parent: URL = FileManager.default.temporaryDirectory) throws -> PreviewFolder {
        var template = Array(parent.appendingPathComponent("sitegen-preview-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: parent.path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        return PreviewFolder(url: URL(fileURLWithPath: String(cString: made), isDirectory: true))
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
