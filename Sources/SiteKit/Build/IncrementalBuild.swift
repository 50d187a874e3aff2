import Foundation

extension SiteBuilder {
    /// Re-renders only the pages whose Markdown body changed, writing them straight into the output.
    /// Returns nil when the change reaches further (front matter, a new or deleted file, the theme, strings,
    /// site.yaml), and the caller makes a full build.
    func rebuild(changed: [URL]) throws -> BuildReport? {
        guard var last = lastBuild else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        let root = options.contentDirectory.standardizedFileURL.path + "/"
        let contentLabel = options.contentDirectory.lastPathComponent
        var touched: [Int] = []
        sink.reset()
        sink.step = "render"
        for url in changed {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(root), path.hasSuffix(".md"), FileManager.default.fileExists(atPath: path) else { return nil }
            let relative = String(path.dropFirst(root.count))
            guard let text = ContentReader.readText(url, label: ContentPath.join(contentLabel, relative), sink: sink) else { return nil }
            // A translation is read over its default-language file, as in a full build.
            let key = ContentFileName.parse(relativePath: relative)?.key
            let base = last.snapshot.pages.filter { page in
                guard page.relativePath != relative, let name = ContentFileName.parse(relativePath: page.relativePath) else { return false }
                return name.key == key && (name.language ?? last.config.defaultLanguage.code) == last.config.defaultLanguage.code
            }
            let parsed = DocumentParser.parse(ContentSnapshot(pages: [(relative, text)] + base), site: last.config, contentLabel: contentLabel,
                                             known: DocumentParser.components(of: last.documents), sink: sink)
            if sink.hasErrors { throw BuildFailure(diagnostics: sink.all) }
            guard let document = parsed.first(where: { $0.file == ContentPath.join(contentLabel, relative) }),
                  let index = last.documents.firstIndex(where: { $0.file == document.file }),
                  last.documents[index].meta == document.meta else { return nil }
            last.documents[index] = document
            for (position, instance) in last.site.instances.enumerated() where instance.document.file == document.file {
                last.site.instances[position] = PageInstance(key: instance.key, language: instance.language, document: document,
                                                             isFallback: instance.isFallback, sourceLanguage: instance.sourceLanguage, url: instance.url, outputPath: instance.outputPath)
                touched.append(position)
            }
        }
        let old = last.environment
        let environment = RenderEnvironment(site: last.site, theme: last.theme, strings: last.strings, assets: old.assets,
                                            liveReload: options.liveReload, sink: sink, spaces: old.spaces, forms: old.forms,
                                            results: old.counted, contributions: old.contributions, reports: old.reports, now: options.now)
        // Pages are written only once all rendered cleanly, so a broken save leaves the served site as it was.
        let rendered = RenderedPages()
        PageRenderer.renderAll(touched, environment: environment, progress: nil) { path, html in rendered.add(path, html) }
        if sink.hasErrors { throw BuildFailure(diagnostics: sink.all) }
        let writer = OutputWriter(output: options.outputDirectory, inPlace: true)
        for (path, html) in rendered.all { writer.write(path, html, sink: sink) }
        last.environment = environment
        lastBuild = last
        var report = BuildReport()
        report.incremental = true
        report.files = touched.count
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        report.warnings = sink.warnings
        report.pagesPerLanguage = Dictionary(grouping: touched.map { last.site.instances[$0].language.code }, by: { $0 })
            .map { ($0.key, $0.value.count) }.sorted { $0.language < $1.language }
        return report
    }
}

/// Rendered pages gathered from render threads before anything is written.
final class RenderedPages: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [(String, String)] = []

    func add(_ path: String, _ html: String) {
        lock.lock(); pages.append((path, html)); lock.unlock()
    }

    var all: [(String, String)] {
        lock.lock(); defer { lock.unlock() }
        return pages
    }
}
