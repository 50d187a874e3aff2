import Foundation

/// Per page, which languages have a text of their own and which show another language's: what `sitegen check` prints.
public struct TranslationTable: Sendable, Equatable {
    /// One page: for each language it is on the site in, the language of the text its readers see.
    public struct Row: Sendable, Equatable {
        public let page: String
        public let shownFrom: [String: String]

        func isTranslated(_ language: String) -> Bool { shownFrom[language] == language }
    }

    public let languages: [String]
    public let rows: [Row]

    /// Pages written as files only: a folder without `_index` files gets a listing page, but nothing to translate.
    init(site: ResolvedSite) {
        languages = site.config.languages.map(\.code)
        rows = site.lookup.keys.filter { site.allKeys.contains($0) }.sorted().map { key in
            let shown = (site.lookup[key] ?? [:]).mapValues { site.instances[$0].sourceLanguage.code }
            return Row(page: key.description, shownFrom: shown)
        }
    }

    /// A column per language: `✓` its own text, a language code the text shown instead, `-` not on the site.
    public var text: String {
        let first = max(4, rows.map(\.page.count).max() ?? 0)
        let width = max(3, languages.map(\.count).max() ?? 0) + 1
        func line(_ page: String, _ cells: [String]) -> String {
            (page.padding(toLength: first + 2, withPad: " ", startingAt: 0) + cells.map { $0.padding(toLength: width, withPad: " ", startingAt: 0) }.joined())
                .replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        var lines = ["translations (✓ its own text; a language code: shows that language's text instead; -: not on the site)",
                     line("page", languages)]
        for row in rows {
            lines.append(line(row.page, languages.map { language in
                guard let shown = row.shownFrom[language] else { return "-" }
                return shown == language ? "✓" : shown
            }))
        }
        for language in languages {
            let own = rows.filter { $0.isTranslated(language) }.count
            lines.append("\(language): \(own) of \(rows.count) page(s) translated")
        }
        return lines.joined(separator: "\n")
    }
}

