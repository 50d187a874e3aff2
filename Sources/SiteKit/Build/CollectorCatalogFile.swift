import Model

/// The collector's words for `collector.json`: the theme's `collector_*`, `refusal_*` and `card_*` strings of every
/// site language, resolved like every UI string (region, language, the default language), and the language's answer
/// page, so the collector answers and prints cards in each language the site has without a catalog of its own.
enum CollectorCatalogFile {
    static let prefixes = ["collector_", "refusal_", "card_"]

    static func make(config: SiteConfig, strings: [String: LanguageStrings], pages: [String: String]) -> CollectorCatalog {
        var languages: [String: CollectorLanguage] = [:]
        for language in config.languages {
            guard let resolved = strings[language.code], let page = pages[language.code] else { continue }
            var words: [String: String] = [:]
            for key in resolved.values.keys where prefixes.contains(where: key.hasPrefix) {
                words[key] = resolved.text(key)
            }
            languages[language.code] = CollectorLanguage(direction: language.direction, strings: words, page: page)
        }
        return CollectorCatalog(defaultLanguage: config.defaultLanguage.code, languages: languages)
    }
}
