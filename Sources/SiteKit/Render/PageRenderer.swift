import Foundation
import Mustache

/// Renders pages with their theme templates, in parallel on every core, and hands each result to `write`.
enum PageRenderer {
    static func templateName(for instance: PageInstance, environment env: RenderEnvironment) -> String {
        let meta = instance.document.meta
        if let chosen = meta.template { return chosen }
        if instance.key == .home { return "home" }
        if let collection = meta.collection { return collection.kind.rawValue }
        if meta.space != nil { return "space" }
        if instance.key.isSection { return env.spaces.isGroup(instance.key, site: env.site) ? "group" : "section" }
        switch meta.item {
        case .proposal?: return "proposal"
        case .project?: return "project"
        case .petition?: return "petition"
        case .meeting?: return "meeting"
        case nil: return meta.type.rawValue
        }
    }

    /// Renders a page, and for a proposals listing each of its filter, sort and page variants.
    static func render(_ instance: PageInstance, environment env: RenderEnvironment) -> [(String, String)] {
        // A participant's words never fail the build: their links are resolved as a communicator's, but a refused
        // scheme or a missing target is nobody's error to fix (the link shows as its words, or stays as written),
        // and `allow_html` is the communicators' trust in their own HTML, not in a participant's.
        let contribution = instance.document.meta.isContribution
        let resolver = LinkResolver(site: env.site, sink: contribution ? DiagnosticSink() : env.sink)
        let code = instance.language.code
        let content = MarkdownRenderer.render(instance.document.body, allowHTML: env.site.config.allowHTML && !contribution) { reference in
            resolver.resolve(reference, in: instance.document, language: code)
        }
        let context = PageContext.make(instance, contentHTML: content, environment: env)
        let name = templateName(for: instance, environment: env)
        guard env.theme.templateTexts[name] != nil else {
            env.sink.error(instance.document.file, "template `\(name)` does not exist in theme `\(env.theme.name)`",
                           hint: "add templates/\(name).mustache or change `template:`")
            return []
        }
        var pages = [(instance.outputPath, context)]
        if case .proposals(let settings)? = env.spaces.collections[instance.key] {
            pages += ListingVariants.pages(for: instance, context: context, pageSize: settings.pageSize, environment: env)
        }
        return pages.compactMap { path, context in
            guard let html = env.theme.library.render(context, withTemplate: name) else { return nil }
            return (path, env.liveReload ? LiveReloadScript.inject(into: html, basePath: env.site.basePath) : html)
        }
    }

    /// Renders `indices` of the site's instances on all cores; `write` receives each page's output path and HTML.
    static func renderAll(_ indices: [Int], environment env: RenderEnvironment, progress: Progress?, write: (String, String) -> Void) {
        let chunk = 16
        let chunks = (indices.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            let end = min(indices.count, (part + 1) * chunk)
            for position in (part * chunk)..<end {
                for (path, html) in render(env.site.instances[indices[position]], environment: env) {
                    write(path, html)
                }
            }
            progress?.advance(by: end - part * chunk)
        }
    }
}
