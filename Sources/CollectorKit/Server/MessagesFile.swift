import Foundation
import Model

/// Reads the site's `collector.json` for `serve` and `credentials`, which refuse to start without it.
public enum MessagesFile {
    /// Where sitegen writes it: beside the manifest at `manifest`.
    public static func beside(manifest: String) -> String {
        URL(fileURLWithPath: manifest).deletingLastPathComponent().appendingPathComponent(CollectorCatalog.fileName).path
    }

    /// - Throws: a sentence that names `path`, what is wrong with it and how to fix it.
    public static func load(_ path: String) throws(MessagesFileError) -> Messages {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MessagesFileError(path: path, reason: "cannot read the file (`sitegen build` writes it beside ballots.json; copy it with the manifest, or pass --messages)")
        }
        let catalog: CollectorCatalog
        do {
            catalog = try JSONDecoder().decode(CollectorCatalog.self, from: data)
        } catch {
            throw MessagesFileError(path: path, reason: "not the collector's words that sitegen writes (\(error)); rebuild the site with `sitegen build`")
        }
        do {
            return try Messages(catalog: catalog)
        } catch {
            throw MessagesFileError(path: path, reason: "\(error)")
        }
    }
}

/// Why `collector.json` cannot be used, naming the file.
public struct MessagesFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "--messages \(path): \(reason)" }
}
