import Foundation
import Model

/// The files `sitegen new site DIR` writes: a site that builds with `--strict` at once, with one space holding one
/// page, every page in every language.
public enum SiteScaffold {
    /// The space of a new site, with its page: the same scaffolds as `sitegen new space` and `new page`.
    static let space = "consultation"
    static let page = "about"

    /// Plans the site in `directory` for `languages`, the first being the default; refuses a folder that is not empty.
    public static func plan(directory: URL, languages: [String]) throws -> [ScaffoldFile] {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isFolder) {
            let entries = isFolder.boolValue ? ((try? fm.contentsOfDirectory(atPath: directory.path)) ?? []) : [directory.lastPathComponent]
            if !entries.isEmpty {
                throw ContentScaffold.refusal(directory.path, isFolder.boolValue ? "this folder is not empty" : "this is a file",
                                              hint: "sitegen new site writes into a new or empty folder only: name another one")
            }
        }
        if let bad = languages.first(where: { !Language.looksLikeTag(Substring($0)) }) {
            throw ContentScaffold.refusal("--language", "`\(bad)` is not a language code", hint: "use BCP 47 codes such as `en`, `fr`, `pt-BR`")
        }
        if let twice = languages.first(where: { code in languages.filter { $0 == code }.count > 1 }) {
            throw ContentScaffold.refusal("--language", "`\(twice)` is given twice", hint: "give each language once, the default first")
        }
        let content = directory.appendingPathComponent("content")
        let label = ContentPath.join(directory.lastPathComponent, "content")
        let site = ScaffoldFile(url: content.appendingPathComponent(SiteConfig.fileName), label: ContentPath.join(label, SiteConfig.fileName),
                                text: siteYAML(languages), todo: "replace the placeholders of title and base_url")
        let pages = [
            ScaffoldPage(key: .home, title: "Welcome", settings: [], body: "What this site is for, and how to take part."),
            ScaffoldPage(key: ContentKey(directory: space, name: "_index"), title: ContentPath.displayName(space),
                         settings: NewContentKind.space.required, body: NewContentKind.space.body),
            ScaffoldPage(key: ContentKey(directory: space, name: page), title: ContentPath.displayName(page), settings: [], body: NewContentKind.page.body),
        ]
        return [site] + pages.flatMap { $0.files(contentDirectory: content, contentLabel: label, languages: languages, draftTranslations: false) }
    }

    private static func siteYAML(_ languages: [String]) -> String {
        var lines = [
            "# The settings every page shares: docs/CONTENT.md, \"site.yaml\".",
            "title: \(YAMLQuoting.quoted("My consultations"))  # the site's name; or one per language (`en: ...`)",
            "base_url: https://consult.example.org/  # where the site is published: replace before printing voting codes",
            "default_language: \(languages[0])",
            "languages:",
        ]
        for code in languages {
            lines += ["  - code: \(code)", "    name: \(YAMLQuoting.quoted(ownName(code)))"]
        }
        lines.append("theme: default")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The language's name in itself, shown in the language switcher; the code when Foundation does not know it.
    private static func ownName(_ code: String) -> String {
        guard let name = Locale(identifier: code).localizedString(forLanguageCode: code), !name.isEmpty else { return code }
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}
