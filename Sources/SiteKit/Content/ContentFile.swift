import Model

/// Identifies one page across its translations: its folder inside `content/` and its base name.
public struct ContentKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Folder path inside `content/`, `""` for the root, e.g. `city/ward-1`.
    public let directory: String
    /// File name without language suffix and extension; `_index` for a section.
    public let name: String

    public var isSection: Bool { name == "_index" }
    public var description: String { directory.isEmpty ? name : directory + "/" + name }

    /// The section a page or subsection belongs to; nil for the home section.
    var parentSection: ContentKey? {
        if isSection {
            if directory.isEmpty { return nil }
            return ContentKey(directory: ContentPath.parent(of: directory), name: "_index")
        }
        return ContentKey(directory: directory, name: "_index")
    }

    static let home = ContentKey(directory: "", name: "_index")

    public static func < (a: ContentKey, b: ContentKey) -> Bool { (a.directory, a.name) < (b.directory, b.name) }
}

/// What a content file's name says: which page, in which language.
struct ContentFileName {
    let key: ContentKey
    /// The language suffix, nil when the file has none and so is in the default language.
    let language: String?

    /// Splits `city/about.fr.md` into its key and language; nil for names that are not Markdown pages.
    static func parse(relativePath: String) -> ContentFileName? {
        guard relativePath.hasSuffix(".md") else { return nil }
        let directory = ContentPath.parent(of: relativePath)
        var base = Substring(ContentPath.lastComponent(of: relativePath).dropLast(3))
        var language: String?
        if let dot = base.lastIndex(of: "."), Language.looksLikeTag(base[base.index(after: dot)...]) {
            language = String(base[base.index(after: dot)...])
            base = base[..<dot]
        }
        return ContentFileName(key: ContentKey(directory: directory, name: String(base)), language: language)
    }
}

/// Path arithmetic on `/`-separated paths inside `content/`, kept apart from the file system.
enum ContentPath {
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// A folder or file name as a title, where the communicator wrote none: `ward-1` -> `Ward 1`.
    static func displayName(_ name: String) -> String {
        name.replacingOccurrences(of: "-", with: " ").capitalized
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory + "/" + name
    }

    /// Resolves `../x/y.md` against a folder; nil when it climbs above `content/`.
    static func resolve(_ relative: String, from directory: String) -> String? {
        var parts = relative.hasPrefix("/") ? [] : directory.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
