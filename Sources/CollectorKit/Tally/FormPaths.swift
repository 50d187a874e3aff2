import Foundation

/// Where a form's files go under an output folder: its id as a path (`city/ward-1/vote` -> `city/ward-1/vote.json`).
enum FormPaths {
    /// The id as relative path components; refuses an id that could leave the folder.
    static func components(_ formID: String) throws -> [String] {
        let parts = formID.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\\") }) else {
            throw TellerError("form id `\(formID)` cannot name a file; form ids are paths like `city/ward-1/vote`")
        }
        return parts
    }

    static func file(_ directory: URL, _ formID: String, suffix: String) throws -> URL {
        let parts = try components(formID)
        var url = directory
        for part in parts.dropLast() { url.appendPathComponent(part, isDirectory: true) }
        return url.appendingPathComponent(parts.last! + suffix)
    }

    static func folder(_ directory: URL, _ formID: String) throws -> URL {
        try components(formID).reduce(directory) { $0.appendingPathComponent($1, isDirectory: true) }
    }

    /// Writes `data` at `url`, creating the folders on the way.
    static func write(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw TellerError("\(url.path): cannot write it (\(error.localizedDescription)); check the folder is writable")
        }
    }
}
