import Foundation

/// Theme assets published under content-hashed names, so browsers may cache them forever.
struct PublishedAssets {
    /// Path inside `assets/` -> path inside the output, e.g. `css/site.css` -> `assets/css/site.1a2b3c4d5e.css`.
    var outputPaths: [String: String] = [:]
    /// Output path -> bytes to write.
    var files: [(path: String, data: Data)] = []
}

/// Hashes and rewrites theme assets; CSS `url(...)` references to other assets follow their new names.
enum AssetPipeline {
    static func publish(_ theme: Theme, sink: DiagnosticSink) -> PublishedAssets {
        var published = PublishedAssets()
        let ordered = theme.assets.keys.sorted { ($0.hasSuffix(".css") ? 1 : 0, $0) < ($1.hasSuffix(".css") ? 1 : 0, $1) }
        for path in ordered {
            guard let source = theme.assets[path], var data = FileManager.default.contents(atPath: source.path) else {
                sink.error(theme.assets[path]?.path ?? path, "cannot read this asset", hint: "check that it is readable")
                continue
            }
            if path.hasSuffix(".css"), let text = String(data: data, encoding: .utf8) {
                data = Data(rewriteCSS(text, at: path, outputPaths: published.outputPaths).utf8)
            }
            let output = "assets/" + hashedName(path, data: data)
            published.outputPaths[path] = output
            published.files.append((output, data))
        }
        return published
    }

    static func hashedName(_ path: String, data: Data) -> String {
        let hash = String(ContentHash.fnv1a(data), radix: 16)
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + "." + hash }
        return path[..<dot] + "." + hash + path[dot...]
    }

    /// Rewrites `url(...)` references that point at other assets to their hashed names, relative to this file.
    static func rewriteCSS(_ css: String, at path: String, outputPaths: [String: String]) -> String {
        let directory = ContentPath.parent(of: path)
        var result = ""
        var rest = Substring(css)
        while let open = rest.range(of: "url(") {
            result += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            let raw = rest[..<close].trimmingCharacters(in: .whitespaces)
            let quote = raw.first == "\"" || raw.first == "'" ? String(raw.first!) : ""
            let reference = quote.isEmpty ? raw : String(raw.dropFirst().dropLast())
            let pathPart = reference.split(separator: "#", maxSplits: 1).first.map { String($0.split(separator: "?").first ?? "") } ?? ""
            if let resolved = ContentPath.resolve(pathPart, from: directory), let target = outputPaths[resolved] {
                let suffix = String(reference.dropFirst(pathPart.count))
                result += quote + relativePath(from: "assets/" + directory, to: target) + suffix + quote
            } else {
                result += rest[..<close]
            }
            rest = rest[close...]
        }
        return result + rest
    }

    private static func relativePath(from directory: String, to target: String) -> String {
        let from = directory.split(separator: "/")
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }
}

/// A fast, stable content fingerprint for cache-busting file names (not a security hash).
enum ContentHash {
    static func fnv1a(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
