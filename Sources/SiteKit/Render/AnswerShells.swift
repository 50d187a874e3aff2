import Foundation
import Model

/// The collector's no-JS answer page in each site language: the theme's `answer` template, the site's layout
/// around two slots the collector fills (`CollectorLanguage.titleSlot`, `mainSlot`).
///
/// The collector may answer from another origin than the site's, so the page's links and stylesheet are written
/// with the site's origin; a fragment such as the skip link's `#main` stays the page's own.
enum AnswerShells {
    static func render(environment env: RenderEnvironment) -> [String: String] {
        let site = env.site
        let origin = CollectorOrigin.of(site.absoluteBase)
        var pages: [String: String] = [:]
        for language in site.config.languages {
            let context = GeneratedPages.base(env, language: language, title: "", url: site.basePath + language.code + "/", extra: [:])
            guard let html = env.theme.library.render(context, withTemplate: "answer") else {
                env.sink.error("templates/answer.mustache", "the theme has no `answer` template, the collector's answer page",
                               hint: "copy themes/default/templates/answer.mustache into the theme")
                return [:]
            }
            for slot in [CollectorLanguage.titleSlot, CollectorLanguage.mainSlot] where html.components(separatedBy: slot).count != 2 {
                env.sink.error("templates/answer.mustache", "the answer page must hold `\(slot)` once",
                               hint: "put \(CollectorLanguage.titleSlot) in its <title> and \(CollectorLanguage.mainSlot) in its <main>")
                return [:]
            }
            pages[language.code] = origin.map { absolute(html, origin: $0) } ?? html
        }
        return pages
    }

    /// `html` with its root-relative `href` and `src` written from `origin`.
    private static func absolute(_ html: String, origin: String) -> String {
        html.replacingOccurrences(of: #"(href|src)="/(?!/)"#, with: "$1=\"\(origin)/", options: .regularExpression)
    }
}
