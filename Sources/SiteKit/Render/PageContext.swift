import Foundation
import Model

/// Builds the dictionary a template sees for one page; names are the theme's contract (docs/THEMES.md).
enum PageContext {
    static func make(_ instance: PageInstance, contentHTML: String, environment env: RenderEnvironment) -> [String: Any] {
        let site = env.site
        let language = instance.language
        let code = language.code
        let meta = instance.document.meta
        let formats = env.formats[code]!
        let strings = env.strings(for: code)
        var page: [String: Any] = [
            "title": meta.title,
            "content": contentHTML,
            "url": instance.url,
            "permalink": site.absoluteBase.isEmpty ? instance.url : absolute(instance.url, site: site),
            "is_section": instance.key.isSection,
            "is_home": instance.key == .home,
        ]
        if let description = meta.description ?? meta.summary { page["description"] = description }
        if let date = meta.date {
            page["date"] = formats.date(date)
            page["date_iso"] = Formats.iso(date)
        }
        if let author = meta.author { page["author"] = author }
        if instance.isFallback, let original = site.config.language(instance.document.language) {
            page["fallback"] = [
                "lang": original.code,
                "dir": original.direction.rawValue,
                "notice": strings?.text("fallback_notice", ["language": language.name, "original": original.name]) ?? "",
            ]
        }
        if !meta.tags.isEmpty {
            page["has_tags"] = true
            page["tags"] = meta.tags.map { ["name": $0, "url": site.basePath + code + "/tags/" + Slug.make($0) + "/"] }
        }
        let trail = breadcrumbs(instance, site: site)
        var context: [String: Any] = [
            "site": env.siteContexts[code]!,
            "lang": code,
            "dir": language.direction.rawValue,
            "page": page,
            "t": env.templateStrings[code]!,
            "languages": languageLinks(instance, site: site),
            "alternates": alternates(instance, site: site),
            "breadcrumbs": trail,
            "has_breadcrumbs": !trail.isEmpty,
            "asset": env.assetLambda,
        ]
        if let style = spaceStyle(for: instance.key, site: site) {
            context["space_style"] = style
        }
        if instance.key.isSection {
            let members = site.children(of: instance.key, in: code).compactMap { site.instance($0, code) }
            context["children"] = members.map { summary($0, formats: formats) }
            context["has_children"] = !members.isEmpty
            context["children_count"] = strings?.plural("pages_count", count: members.count, formattedCount: formats.number(members.count)) ?? ""
        }
        if env.liveReload { context["live_reload"] = true }
        SpaceContext.add(to: &context, instance, environment: env)
        return context
    }

    static func summary(_ instance: PageInstance, formats: Formats) -> [String: Any] {
        let meta = instance.document.meta
        var item: [String: Any] = ["title": meta.title, "url": instance.url, "is_section": instance.key.isSection]
        if let text = meta.summary ?? meta.description { item["summary"] = text }
        if let date = meta.date {
            item["date"] = formats.date(date)
            item["date_iso"] = Formats.iso(date)
        }
        if instance.isFallback {
            item["lang"] = instance.sourceLanguage.code
            item["dir"] = instance.sourceLanguage.direction.rawValue
        }
        return item
    }

    static func absolute(_ url: String, site: ResolvedSite) -> String {
        site.absoluteBase + url.dropFirst(site.basePath.count)
    }

    /// The same page in every site language, for the language switcher.
    static func languageLinks(_ instance: PageInstance, site: ResolvedSite) -> [[String: Any]] {
        site.config.languages.map { language in
            [
                "code": language.code,
                "name": language.name,
                "dir": language.direction.rawValue,
                "url": site.url(of: instance.key, in: language.code) ?? site.basePath + language.code + "/",
                "current": language.code == instance.language.code,
            ]
        }
    }

    /// `hreflang` alternates: the real translations, plus `x-default` for the default language's version.
    static func alternates(_ instance: PageInstance, site: ResolvedSite) -> [[String: Any]] {
        var links: [[String: Any]] = []
        for language in site.config.languages {
            guard let other = site.instance(instance.key, language.code), !other.isFallback else { continue }
            links.append(["hreflang": language.code, "href": absolute(other.url, site: site)])
        }
        if let main = site.instance(instance.key, site.config.defaultLanguage.code) {
            links.append(["hreflang": "x-default", "href": absolute(main.url, site: site)])
        }
        return links
    }

    static func breadcrumbs(_ instance: PageInstance, site: ResolvedSite) -> [[String: Any]] {
        var trail: [[String: Any]] = []
        var key: ContentKey? = instance.key.parentSection
        while let current = key {
            if let ancestor = site.instance(current, instance.language.code) {
                trail.insert(["title": ancestor.document.meta.title, "url": ancestor.url], at: 0)
            }
            key = current.parentSection
        }
        guard !trail.isEmpty else { return [] }
        return trail + [["title": instance.document.meta.title, "url": instance.url, "current": true]]
    }

    /// The nearest section's charter: the stylesheet of its colours and its logo.
    static func spaceStyle(for key: ContentKey, site: ResolvedSite) -> [String: Any]? {
        var current: ContentKey? = key.isSection ? key : key.parentSection
        while let section = current {
            // The charter is not translated: the default language's file carries it.
            if let style = site.instance(section, site.config.defaultLanguage.code)?.document.meta.style {
                var result: [String: Any] = [:]
                if let css = CharterStylesheet.css(style) { result["stylesheet"] = site.basePath + CharterStylesheet.path(of: css) }
                if let logo = style.logo {
                    result["logo"] = site.basePath + (ContentPath.resolve(logo, from: section.directory) ?? logo)
                    result["logo_alt"] = style.logoAlt ?? ""
                }
                return result
            }
            current = section.parentSection
        }
        return nil
    }
}
