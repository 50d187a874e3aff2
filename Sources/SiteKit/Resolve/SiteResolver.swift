import Foundation
import Model

/// Decides which pages exist in which language, at which URL, under which section.
enum SiteResolver {
    /// `pagePaths` are all Markdown files read, parsed or not, so a link to a file with a front-matter error
    /// is not reported again as a broken link.
    static func resolve(documents: [Document], pagePaths: [String], staticFiles: [StaticFile], config: SiteConfig, options: BuildOptions, sink: DiagnosticSink) -> ResolvedSite {
        let base = options.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? config.baseURL
        var site = ResolvedSite(config: config, basePath: basePath(of: base), absoluteBase: base.hasPrefix("http") ? base : "")
        site.staticFiles = Dictionary(staticFiles.map { ($0.relativePath, $0) }, uniquingKeysWith: { first, _ in first })

        site.allKeys = Set(pagePaths.compactMap { ContentFileName.parse(relativePath: $0)?.key })
        var byKey: [ContentKey: [String: Document]] = [:]
        for document in documents {
            guard document.meta.isPublished(at: options.now, includeDrafts: options.includeDrafts) else { continue }
            if let existing = byKey[document.key]?[document.language] {
                sink.error(document.file, "\(existing.file) is the same page in the same language",
                           hint: "a file without a language suffix is in the default language `\(config.defaultLanguage.code)`; keep one of the two")
                continue
            }
            byKey[document.key, default: [:]][document.language] = document
            if let logo = document.meta.style?.logo, !logo.contains("://"),
               ContentPath.resolve(logo, from: document.key.directory).flatMap({ site.staticFiles[$0] }) == nil {
                sink.error(document.file, "logo `\(logo)` does not exist", hint: "put the image beside this file, or give its path relative to this file's folder")
            }
        }
        // Every folder holding pages is a section, written or not, so breadcrumbs and listings have no gaps.
        for key in Array(byKey.keys) {
            var parent = key.parentSection
            while let section = parent {
                if byKey[section] == nil { byKey[section] = [:] }
                parent = section.parentSection
            }
        }
        if byKey[.home] == nil { byKey[.home] = [:] }

        let keys = byKey.keys.sorted()
        var urlOwners: [String: String] = [:]
        for key in keys {
            let translations = byKey[key]!
            for language in config.languages {
                guard let (document, isFallback) = pick(translations, language: language, config: config) ?? implicitSection(key, language: language, config: config, byKey: byKey) else { continue }
                let path = urlPath(key, language: language.code, byKey: byKey)
                let url = site.basePath + path
                if let owner = urlOwners[url] {
                    sink.error(document.file, "\(owner) is already published at \(url)",
                               hint: "give one of them another `slug:` or move it")
                    continue
                }
                urlOwners[url] = document.file
                site.lookup[key, default: [:]][language.code] = site.instances.count
                site.instances.append(PageInstance(key: key, language: language, document: document, isFallback: isFallback,
                                                   sourceLanguage: config.language(document.language) ?? language,
                                                   url: url, outputPath: path + "index.html"))
            }
        }
        for key in keys where key != .home {
            guard let parent = key.parentSection else { continue }
            site.children[parent, default: []].append(key)
        }
        for language in config.languages {
            let collation = Collation(language: language.code)
            site.childrenByLanguage[language.code] = site.children.mapValues { members in
                members.sorted { displayOrder($0, $1, language: language.code, collation: collation, site: site) }
            }
        }
        site.children = site.childrenByLanguage[config.defaultLanguage.code] ?? site.children
        return site
    }

    /// Whether `a` is listed before `b` in `language`: lower weight first, then newest date, then title by the
    /// language's collation, then key, so the order never depends on the order files were read.
    private static func displayOrder(_ a: ContentKey, _ b: ContentKey, language: String, collation: Collation, site: ResolvedSite) -> Bool {
        guard let x = site.instance(a, language)?.document.meta, let y = site.instance(b, language)?.document.meta else { return a < b }
        if x.weight != y.weight { return x.weight < y.weight }
        if x.date != y.date { return (x.date ?? .distantPast) > (y.date ?? .distantPast) }
        switch collation.compare(x.title, y.title) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return (x.title, a) < (y.title, b)
        }
    }

    /// The reader's language if translated, else the default language, else the first language that has it.
    private static func pick(_ translations: [String: Document], language: Language, config: SiteConfig) -> (Document, Bool)? {
        if let own = translations[language.code] { return (own, false) }
        if let fallback = translations[config.defaultLanguage.code] { return (fallback, true) }
        for other in config.languages { if let fallback = translations[other.code] { return (fallback, true) } }
        return nil
    }

    /// A folder without `_index` files still gets a listing page, titled from its name.
    private static func implicitSection(_ key: ContentKey, language: Language, config: SiteConfig, byKey: [ContentKey: [String: Document]]) -> (Document, Bool)? {
        guard key.isSection, byKey[key]?.isEmpty ?? true else { return nil }
        let folder = ContentPath.lastComponent(of: key.directory)
        let title = key == .home ? config.title(for: language.code) : ContentPath.displayName(folder)
        let file = ContentPath.join("content", ContentPath.join(key.directory, "_index.md"))
        return (Document(key: key, language: language.code, file: file, meta: PageMeta(title: title), body: "", bodyLine: 1), false)
    }

    /// `fr/ville/a-propos/`: the language, then each ancestor's slug in that language, then the page's.
    static func urlPath(_ key: ContentKey, language: String, byKey: [ContentKey: [String: Document]]) -> String {
        var segments: [String] = []
        let folders = key.directory.split(separator: "/").map(String.init)
        for depth in folders.indices {
            let sectionKey = ContentKey(directory: folders[0...depth].joined(separator: "/"), name: "_index")
            segments.append(slug(for: sectionKey, fallback: folders[depth], language: language, byKey: byKey))
        }
        if !key.isSection {
            segments.append(slug(for: key, fallback: key.name, language: language, byKey: byKey))
        }
        return ([language] + segments).joined(separator: "/") + "/"
    }

    private static func slug(for key: ContentKey, fallback: String, language: String, byKey: [ContentKey: [String: Document]]) -> String {
        let translations = byKey[key] ?? [:]
        return translations[language]?.meta.slug ?? fallback
    }

    static func basePath(of baseURL: String) -> String {
        guard let schemeEnd = baseURL.range(of: "://") else { return baseURL.hasPrefix("/") ? baseURL : "/" }
        let afterHost = baseURL[schemeEnd.upperBound...]
        guard let slash = afterHost.firstIndex(of: "/") else { return "/" }
        return String(afterHost[slash...])
    }
}
