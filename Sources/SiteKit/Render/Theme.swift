import Foundation
import Mustache

/// A theme as layers of folders: the site's own `themes/<name>/` over the built-in theme of that name,
/// so a site overrides one template or asset by placing a file of the same name.
struct Theme {
    let name: String
    /// Highest priority first.
    let layers: [URL]
    let library: MustacheLibrary
    /// Template name -> the file it came from, for diagnostics.
    let templateFiles: [String: String]
    let templateTexts: [String: String]
    /// Asset path inside `assets/` -> the file to copy.
    let assets: [String: URL]
    /// Language code -> the strings files for it, lowest priority first.
    let stringFiles: [String: [URL]]

    /// The templates a page kind needs; a theme missing one fails the build.
    static let requiredTemplates = ["base", "home", "section", "page", "news", "tags", "tag", "404", "choose-language",
                                    "space", "group", "proposals", "proposal", "budget", "project", "petitions", "petition",
                                    "meetings", "meeting", "survey", "debate", "conversation", "report"]
}

/// Finds and loads a theme, checking every template parses and every partial it names exists.
enum ThemeLoader {
    static func layers(for theme: String, options: BuildOptions) -> [URL] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if theme.contains("/"), fm.fileExists(atPath: theme, isDirectory: &isDirectory), isDirectory.boolValue {
            return [URL(fileURLWithPath: theme)]
        }
        let candidates = [options.projectDirectory.appendingPathComponent("themes")] + options.themeSearchPaths
        var seen: Set<String> = []
        return candidates.map { $0.appendingPathComponent(theme).standardizedFileURL }.filter { url in
            fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue && seen.insert(url.path).inserted
        }
    }

    static func load(name: String, options: BuildOptions, sink: DiagnosticSink) -> Theme? {
        let layers = layers(for: name, options: options)
        guard !layers.isEmpty else {
            sink.error("content/site.yaml", "theme `\(name)` not found",
                       hint: "looked in \(([options.projectDirectory.appendingPathComponent("themes")] + options.themeSearchPaths).map(\.path).joined(separator: ", ")); set `theme:` or pass --theme DIR")
            return nil
        }
        var templateFiles: [String: URL] = [:]
        var assets: [String: URL] = [:]
        var stringFiles: [String: [URL]] = [:]
        for layer in layers.reversed() {
            for (relative, url) in files(under: layer.appendingPathComponent("templates")) where relative.hasSuffix(".mustache") {
                templateFiles[String(relative.dropLast(9))] = url
            }
            for (relative, url) in files(under: layer.appendingPathComponent("assets")) {
                assets[relative] = url
            }
            for (relative, url) in files(under: layer.appendingPathComponent("i18n")) where relative.hasSuffix(".yaml") && !relative.contains("/") {
                stringFiles[String(relative.dropLast(5)), default: []].append(url)
            }
        }
        var library = MustacheLibrary()
        var texts: [String: String] = [:]
        var labels: [String: String] = [:]
        for (template, url) in templateFiles.sorted(by: { $0.key < $1.key }) {
            let label = url.path
            labels[template] = label
            guard let text = ContentReader.readText(url, label: label, sink: sink) else { continue }
            texts[template] = text
            do {
                EscapingContentType.registered
                library.register(try MustacheTemplate(string: EscapingContentType.pragma + text), named: template)
            } catch let error as MustacheTemplate.ParserError {
                let shift = error.context.lineNumber == 1 ? EscapingContentType.pragma.count : 0
                sink.error(label, line: error.context.lineNumber, column: error.context.columnNumber - shift,
                           "template does not parse: \(error.error)", hint: "check that every `{{#section}}` has its `{{/section}}`")
            } catch {
                sink.error(label, "template does not parse: \(error)", hint: "check the mustache tags")
            }
        }
        for required in Theme.requiredTemplates where templateFiles[required] == nil {
            sink.error(layers[0].path, "theme `\(name)` has no template `\(required).mustache`",
                       hint: "add templates/\(required).mustache to the theme or to your site's themes/\(name)/templates/")
        }
        let theme = Theme(name: name, layers: layers, library: library, templateFiles: labels, templateTexts: texts,
                          assets: assets, stringFiles: stringFiles)
        TemplateChecker.check(theme, sink: sink)
        return theme
    }

    /// Regular files below `root`, as paths relative to it.
    static func files(under root: URL) -> [(String, URL)] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        let prefix = root.standardizedFileURL.path.count + 1
        var result: [(String, URL)] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            result.append((String(url.standardizedFileURL.path.dropFirst(prefix)), url))
        }
        return result.sorted { $0.0 < $1.0 }
    }
}

/// Static checks of templates: a partial or asset that does not exist is an error at its line, not an
/// empty spot on a page.
enum TemplateChecker {
    struct Tag {
        let text: String
        let line: Int
        let column: Int
    }

    static func tags(in text: String) -> [Tag] {
        var result: [Tag] = []
        var line = 1, column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{"), let close = text[index...].range(of: "}}") {
                let inner = text[text.index(index, offsetBy: 2)..<close.lowerBound]
                result.append(Tag(text: inner.trimmingCharacters(in: .whitespaces), line: line, column: column))
                for character in text[index..<close.upperBound] {
                    if character == "\n" { line += 1; column = 1 } else { column += 1 }
                }
                index = close.upperBound
                continue
            }
            if text[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index = text.index(after: index)
        }
        return result
    }

    static func check(_ theme: Theme, sink: DiagnosticSink) {
        for (name, text) in theme.templateTexts {
            let file = theme.templateFiles[name] ?? name
            for tag in tags(in: text) {
                guard let first = tag.text.first, first == ">" || first == "<" else { continue }
                let partial = tag.text.dropFirst().trimmingCharacters(in: .whitespaces)
                if theme.templateTexts[partial] == nil {
                    sink.error(file, line: tag.line, column: tag.column, "template `\(partial)` does not exist",
                               hint: "add templates/\(partial).mustache or fix the name")
                }
            }
            for (path, line) in assetReferences(in: text) where theme.assets[path] == nil {
                sink.error(file, line: line, "asset `\(path)` does not exist in the theme", hint: "add it under assets/ or fix the path")
            }
        }
    }

    /// Each literal path written between `{{#asset}}` and `{{/asset}}`, with its line.
    static func assetReferences(in text: String) -> [(String, Int)] {
        var result: [(String, Int)] = []
        var searchStart = text.startIndex
        while let open = text.range(of: "{{#asset}}", range: searchStart..<text.endIndex),
              let close = text.range(of: "{{/asset}}", range: open.upperBound..<text.endIndex) {
            let line = text[..<open.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            result.append((String(text[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines), line))
            searchStart = close.upperBound
        }
        return result
    }

    /// Every `{{t.key}}` a template reads must be a defined UI string.
    static func checkStrings(_ theme: Theme, known: Set<String>, sink: DiagnosticSink) {
        for (name, text) in theme.templateTexts {
            let file = theme.templateFiles[name] ?? name
            for tag in tags(in: text) {
                var body = Substring(tag.text)
                while let first = body.first, "{&#^/".contains(first) { body = body.dropFirst() }
                if body.hasSuffix("}") { body = body.dropLast() }
                guard body.hasPrefix("t.") else { continue }
                let key = String(body.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                if !known.contains(key) {
                    sink.error(file, line: tag.line, column: tag.column, "UI string `\(key)` is not defined",
                               hint: "add `\(key):` to the theme's i18n files, or to content/i18n/")
                }
            }
        }
    }
}
