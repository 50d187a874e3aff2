import Foundation
import Model

/// Pages with no content file behind them: tag listings, the 404 pages and the root language chooser.
enum GeneratedPages {
    struct Page {
        let outputPath: String
        let template: String
        let context: [String: Any]
    }

    static func make(environment env: RenderEnvironment) -> [Page] {
        let site = env.site
        var pages: [Page] = []
        for language in site.config.languages {
            let code = language.code
            let formats = env.formats[code]!
            var tags: [String: (name: String, pages: [PageInstance])] = [:]
            for instance in site.instances where instance.language.code == code {
                for tag in instance.document.meta.tags {
                    tags[Slug.make(tag), default: (tag, [])].pages.append(instance)
                }
            }
            let tagsURL = site.basePath + code + "/tags/"
            let strings = env.strings(for: code)
            if !tags.isEmpty {
                let collation = Collation(language: code)
                let list: [[String: Any]] = tags.sorted { collation.precedes($0.value.name, $1.value.name) }.map { slug, entry in
                    ["name": entry.name, "url": tagsURL + slug + "/",
                     "count": strings?.plural("pages_count", count: entry.pages.count, formattedCount: formats.number(entry.pages.count)) ?? ""]
                }
                pages.append(Page(outputPath: code + "/tags/index.html", template: "tags",
                                  context: base(env, language: language, title: strings?.text("tags") ?? "Tags", url: tagsURL, extra: ["tags": list])))
                for (slug, entry) in tags {
                    let items = entry.pages.sorted { a, b in
                        let (x, y) = (a.document.meta, b.document.meta)
                        if x.date != y.date { return (x.date ?? .distantPast) > (y.date ?? .distantPast) }
                        return x.title == y.title ? a.key < b.key : collation.precedes(x.title, y.title)
                    }
                        .map { PageContext.summary($0, formats: formats) }
                    pages.append(Page(outputPath: code + "/tags/" + slug + "/index.html", template: "tag",
                                      context: base(env, language: language, title: entry.name, url: tagsURL + slug + "/",
                                                    extra: ["children": items, "has_children": !items.isEmpty, "tags_url": tagsURL])))
                }
            }
            pages.append(Page(outputPath: code + "/404.html", template: "404",
                              context: base(env, language: language, title: strings?.text("not_found_title") ?? "Not found", url: site.basePath + code + "/404.html", extra: [:])))
        }
        let main = site.config.defaultLanguage
        let others = site.config.languages.map { language -> [String: Any] in
            let strings = env.strings(for: language.code)
            return ["code": language.code, "name": language.name, "dir": language.direction.rawValue,
                    "url": site.basePath + language.code + "/",
                    "message": strings?.text("not_found_message") ?? "",
                    "choose": strings?.text("choose_language") ?? ""]
        }
        pages.append(Page(outputPath: "404.html", template: "404",
                          context: base(env, language: main, title: env.strings(for: main.code)?.text("not_found_title") ?? "Not found",
                                        url: site.basePath + "404.html", extra: ["all_languages": others, "has_all_languages": true])))
        var chooser = base(env, language: main, title: site.config.title(for: main.code), url: site.basePath, extra: ["all_languages": others])
        chooser["language_codes"] = site.config.languages.map(\.code).joined(separator: " ")
        chooser["default_language"] = main.code
        pages.append(Page(outputPath: "index.html", template: "choose-language", context: chooser))
        return pages
    }

    static func base(_ env: RenderEnvironment, language: Language, title: String, url: String, extra: [String: Any]) -> [String: Any] {
        var context: [String: Any] = [
            "site": env.siteContexts[language.code]!,
            "lang": language.code,
            "dir": language.direction.rawValue,
            "page": ["title": title, "url": url, "generated": true],
            "t": env.templateStrings[language.code]!,
            "languages": env.site.config.languages.map { other in
                ["code": other.code, "name": other.name, "dir": other.direction.rawValue,
                 "url": env.site.basePath + other.code + "/", "current": other.code == language.code] as [String: Any]
            },
            "asset": env.assetLambda,
        ]
        if env.liveReload { context["live_reload"] = true }
        for (key, value) in extra { context[key] = value }
        return context
    }

    static func render(_ page: Page, environment env: RenderEnvironment) -> String? {
        guard let html = env.theme.library.render(page.context, withTemplate: page.template) else { return nil }
        return env.liveReload ? LiveReloadScript.inject(into: html, basePath: env.site.basePath) : html
    }
}
