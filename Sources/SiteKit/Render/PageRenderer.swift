import Foundation
import Mustache

/// Renders pages with their theme templates, in parallel on every core, and hands each result to `write`.
enum PageRenderer {
    static func templateName(for instance: PageInstance, theme: Theme) -> String {
        if let chosen = instance.document.meta.template { return chosen }
        if instance.key == .home { return "home" }
        if instance.key.isSection { return "section" }
        return instance.document.meta.type == .news ? "news" : "page"
    }

    static func render(_ instance: PageInstance, environment env: RenderEnvironment) -> String? {
        let resolver = LinkResolver(site: env.site, sink: env.sink)
        let code = instance.language.code
        let content = MarkdownRenderer.render(instance.document.body, allowHTML: env.site.config.allowHTML) { reference in
            resolver.resolve(reference, in: instance.document, language: code)
        }
        let context = PageContext.make(instance, contentHTML: content, environment: env)
        let name = templateName(for: instance, theme: env.theme)
        guard env.theme.templateTexts[name] != nil else {
            env.sink.error(instance.document.file, "template `\(name)` does not exist in theme `\(env.theme.name)`",
                           hint: "add templates/\(name).mustache or change `template:`")
            return nil
        }
        guard let html = env.theme.library.render(context, withTemplate: name) else { return nil }
        return env.liveReload ? LiveReloadScript.inject(into: html, basePath: env.site.basePath) : html
    }

    /// Renders `indices` of the site's instances on all cores; `write` receives each page's output path and HTML.
    static func renderAll(_ indices: [Int], environment env: RenderEnvironment, progress: Progress?, write: (String, String) -> Void) {
        let chunk = 16
        let chunks = (indices.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            let end = min(indices.count, (part + 1) * chunk)
            for position in (part * chunk)..<end {
                let instance = env.site.instances[indices[position]]
                if let html = render(instance, environment: env) {
                    write(instance.outputPath, html)
                }
            }
            progress?.advance(by: end - part * chunk)
        }
    }
}
