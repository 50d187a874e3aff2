import Foundation
import Model

/// One page as published in one language: its text (maybe borrowed from another language) and its URL.
struct PageInstance: Sendable {
    let key: ContentKey
    let language: Language
    let document: Document
    /// True when the page is not translated into `language` and shows another language's text.
    let isFallback: Bool
    /// The language of the text shown (differs from `language` on a fallback).
    let sourceLanguage: Language
    /// Root-relative URL ending in `/`, e.g. `/fr/ville/a-propos/`.
    let url: String
    /// File inside the output folder, e.g. `fr/ville/a-propos/index.html`.
    let outputPath: String
}

/// The site after resolution: every page in every language, their URLs, sections and tags.
struct ResolvedSite {
    let config: SiteConfig
    /// Root path of every URL, from the base URL: `/` or `/consult/`.
    let basePath: String
    /// Absolute origin + base path, for sitemaps, feeds and canonical links.
    let absoluteBase: String
    var instances: [PageInstance] = []
    /// Key -> language code -> index in `instances`.
    var lookup: [ContentKey: [String: Int]] = [:]
    /// Section key -> its direct child pages and subsections, in the default language's display order.
    var children: [ContentKey: [ContentKey]] = [:]
    /// Language code -> section key -> its children in that language's display order (its titles, its collation).
    var childrenByLanguage: [String: [ContentKey: [ContentKey]]] = [:]
    /// Keys of every content file read, published or not, so a link to a draft is told from a broken link.
    var allKeys: Set<ContentKey> = []
    /// Files of `content/` that are not pages, by relative path.
    var staticFiles: [String: StaticFile] = [:]

    func instance(_ key: ContentKey, _ language: String) -> PageInstance? {
        lookup[key]?[language].map { instances[$0] }
    }

    func url(of key: ContentKey, in language: String) -> String? { instance(key, language)?.url }

    /// A section's children as they are listed to a reader of `language`.
    func children(of key: ContentKey, in language: String) -> [ContentKey] { childrenByLanguage[language]?[key] ?? children[key] ?? [] }
}
