import Foundation

/// Turns a link written in Markdown into the URL it must have in the language being rendered:
/// `../budget/_index.md#rules` becomes `/fr/budget/#rules`; a missing target or a refused scheme is an error at its line.
struct LinkResolver {
    let site: ResolvedSite
    let sink: DiagnosticSink

    func resolve(_ reference: MarkdownReference, in document: Document, language: String) -> String? {
        let destination = reference.destination
        let line = document.bodyLine + reference.line - 1
        if let scheme = reference.refusedScheme {
            sink.error(document.file, line: line, "\(reference.isImage ? "image" : "link") `\(Self.shown(destination))` uses the scheme `\(scheme):`, which can run script or stand in for a page",
                       hint: "link to an https:// page, a mailto: or tel: address, or a file in content/ by its path")
            return nil
        }
        if isExternal(destination) { return nil }
        var path = destination
        var suffix = ""
        if let index = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[index...])
            path = String(path[..<index])
        }
        guard !path.isEmpty else { return nil }
        let decoded = path.removingPercentEncoding ?? path
        guard let resolved = ContentPath.resolve(decoded, from: document.key.directory) else {
            sink.error(document.file, line: line, "link `\(destination)` points outside content/", hint: "links are relative to this file's folder")
            return nil
        }
        if decoded.hasSuffix(".md") {
            guard let name = ContentFileName.parse(relativePath: resolved) else { return nil }
            if let url = site.url(of: name.key, in: language) { return url + suffix }
            if site.allKeys.contains(name.key) {
                sink.warning(document.file, line: line, "link `\(destination)` points to a page that is not published (draft or outside its dates)",
                             hint: "publish that page or remove the link, or readers get a 404")
                return nil
            }
            let known = site.allKeys.map { $0.description + ".md" }
            let suggestion = Spelling.closest(to: resolved, among: known).map { " Did you mean `\($0)`?" } ?? ""
            sink.error(document.file, line: line, "link to `\(destination)`: no such content file",
                       hint: "paths are relative to this file's folder; this one resolves to content/\(resolved).\(suggestion)")
            return nil
        }
        if decoded.hasPrefix("/") { return nil }
        if site.staticFiles[resolved] != nil { return site.basePath + resolved + suffix }
        sink.error(document.file, line: line, "\(reference.isImage ? "image" : "link") `\(destination)`: no such file in content/",
                   hint: "put the file at content/\(resolved) or fix the path")
        return nil
    }

    /// A destination as a diagnostic can print it: invisible characters spelled out (the trick is often one),
    /// and a `data:` URL's megabytes cut short.
    static func shown(_ destination: String) -> String {
        let spelled = destination.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }.joined()
        return spelled.count > 80 ? spelled.prefix(80) + "…" : spelled
    }

    private func isExternal(_ destination: String) -> Bool {
        if destination.hasPrefix("#") || destination.hasPrefix("//") { return true }
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }
}
