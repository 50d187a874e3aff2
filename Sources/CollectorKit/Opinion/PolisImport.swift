import Foundation
import Model

/// Maps a conversation exported from Pol.is (`comments.csv`, `votes.csv`) into our opinion result JSON.
public enum PolisImport {
    public static func map(commentsPath: String, votesPath: String) throws -> OpinionResult {
        let conversation = try PolisConversation(comments: try read(commentsPath), commentsFile: commentsPath,
                                                 votes: try read(votesPath), votesFile: votesPath)
        return try conversation.map()
    }

    /// Sorted keys and fixed number formatting: the same conversation gives the same bytes.
    public static func json(_ result: OpinionResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(result)
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw PolisImportError.unreadable(path) }
        guard let text = String(data: data, encoding: .utf8) else { throw PolisImportError.notUTF8(path) }
        return text
    }
}

/// A Pol.is file that cannot be opened as text.
public enum PolisImportError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case notUTF8(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "\(path): cannot read the file: check the path and its permissions"
        case .notUTF8(let path): "\(path): the file is not UTF-8 text: export it again from Pol.is or convert it to UTF-8"
        }
    }
}
