import Foundation
import Model
import Mustache

/// Everything rendering reads, built once per build and shared by all render threads.
struct RenderEnvironment {
    let site: ResolvedSite
    let theme: Theme
    let strings: [String: LanguageStrings]
    let formats: [String: Formats]
    let assets: PublishedAssets
    let liveReload: Bool
    let sink: DiagnosticSink
    let spaces: SpaceIndex
    let forms: FormCatalog
    /// Form id -> its result as counted, shown or not.
    let counted: [String: FormResult]
    /// Form id -> its result, for the forms whose result the pages show (ResultVisibility).
    let results: [String: FormResult]
    /// Forms whose counted result waits for their window to close.
    let heldResults: Set<String>
    /// Form id -> participants' comments and statements (every moderation state; pages show the accepted ones).
    let contributions: [String: [Contribution]]
    /// Report folder name -> the participation report in it.
    let reports: [String: ParticipationReport]
    /// The build date: decides the current phase and whether forms are open.
    let now: Date
    /// Per language: the strings dictionary templates read as `t`, built once.
    let templateStrings: [String: [String: Any]]
    /// Per language: the site-wide part of every page's context (menu, site title, language list).
    let siteContexts: [String: [String: Any]]

    init(site: ResolvedSite, theme: Theme, strings: [String: LanguageStrings], assets: PublishedAssets, liveReload: Bool, sink: DiagnosticSink,
         spaces: SpaceIndex, forms: FormCatalog, results: [String: FormResult], contributions: [String: [Contribution]], reports: [String: ParticipationReport], now: Date) {
        self.site = site
        self.spaces = spaces
        self.forms = forms
        self.counted = results
        let visible = ResultVisibility.split(results, forms: forms, site: site, spaces: spaces, now: now)
        self.results = visible.shown
        self.heldResults = visible.held
        self.contributions = contributions
        self.reports = reports
        self.now = now
        self.theme = theme
        self.strings = strings
        self.assets = assets
        self.liveReload = liveReload
        self.sink = sink
        var formats: [String: Formats] = [:]
        var templateStrings: [String: [String: Any]] = [:]
        for language in site.config.languages {
            formats[language.code] = Formats(language: language.code, timeZone: site.config.timeZone)
            templateStrings[language.code] = strings[language.code]?.templateDictionary ?? [:]
        }
        self.formats = formats
        self.templateStrings = templateStrings
        var siteContexts: [String: [String: Any]] = [:]
        let basePath = site.basePath
        let assetPaths = assets.outputPaths
        let assetLambda = MustacheLambda { (text: String) -> Any? in
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return basePath + (assetPaths[path] ?? "assets/" + path)
        }
        for language in site.config.languages {
            let menu: [[String: Any]] = site.children(of: .home, in: language.code).compactMap { key in
                guard key.isSection, let instance = site.instance(key, language.code) else { return nil }
                return ["title": instance.document.meta.title, "url": instance.url]
            }
            siteContexts[language.code] = [
                "title": site.config.title(for: language.code),
                "home_url": site.url(of: .home, in: language.code) ?? basePath,
                "base_path": basePath,
                "collector_url": site.config.collectorURL ?? "",
                "collector_keys": site.config.collectorKeys.joined(separator: " "),
                "menu": menu,
                "has_menu": !menu.isEmpty,
                "feed_url": basePath + language.code + "/feed.xml",
                "search_url": basePath + "pagefind/",
            ]
            if let origin = site.config.collectorOrigin { siteContexts[language.code]!["collector_origin"] = origin }
            if !site.config.issuerOrigins.isEmpty { siteContexts[language.code]!["issuer_origins"] = site.config.issuerOrigins.joined(separator: " ") }
        }
        self.siteContexts = siteContexts
        self.assetLambda = assetLambda
    }

    let assetLambda: MustacheLambda

    func strings(for language: String) -> LanguageStrings? { strings[language] }
}
