/// `collector.json`, which `sitegen build` writes beside `ballots.json`: the collector's words in each language of
/// the site, taken from the theme's i18n files after their fallback (docs/BALLOT.md, The collector's words).
///
/// The collector has no words of its own: `serve` answers and refuses, and `credentials` prints cards, in these.
public struct CollectorCatalog: Codable, Equatable, Sendable {
    /// The file's name beside the manifest.
    public static let fileName = "collector.json"

    /// Format version of this file.
    public var version: Int
    /// The site's default language: the one used for a participant whose language the site does not have.
    public var defaultLanguage: String
    public var languages: [String: CollectorLanguage]

    public init(version: Int = 1, defaultLanguage: String, languages: [String: CollectorLanguage]) {
        self.version = version
        self.defaultLanguage = defaultLanguage
        self.languages = languages
    }

    /// The site's language for `tag`: the tag itself, else its primary language (`fr` for `fr-CA`), else nil.
    public func language(matching tag: String) -> String? {
        if languages[tag] != nil { return tag }
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return languages[primary] != nil ? primary : nil
    }

    /// The words of `language`, or of the default language when the site does not have it.
    public func words(_ language: String) -> CollectorLanguage? {
        languages[self.language(matching: language) ?? defaultLanguage]
    }

    enum CodingKeys: String, CodingKey {
        case version, languages
        case defaultLanguage = "default_language"
    }
}

/// One language's words for the collector, keyed as in the theme's i18n files (`refusal_busy`, `card_title`), and
/// its answer page.
public struct CollectorLanguage: Codable, Equatable, Sendable {
    public var direction: TextDirection
    public var strings: [String: String]
    /// The no-JS answer page: the site's layout in this language (stylesheet, header, skip link, footer), whose
    /// `<title>` holds `titleSlot` and whose `<main>` holds `mainSlot`, each once, for the collector to fill.
    public var page: String

    /// Where the collector writes the page's title, escaped.
    public static let titleSlot = "<!--collector:title-->"
    /// Where the collector writes the answer, escaped markup of its own.
    public static let mainSlot = "<!--collector:main-->"

    public init(direction: TextDirection, strings: [String: String], page: String) {
        self.direction = direction
        self.strings = strings
        self.page = page
    }
}
