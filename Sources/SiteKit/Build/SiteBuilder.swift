import Foundation
import Model

/// What a finished build reports: pages per language, files, time per step, warnings.
public struct BuildReport: Sendable {
    public var pagesPerLanguage: [(language: String, pages: Int)] = []
    public var files = 0
    public var seconds = 0.0
    public var timings: [StepTiming] = []
    public var warnings: [Diagnostic] = []
    public var notes: [String] = []
    public var forms = 0
    /// Set when only the pages of changed files were re-rendered.
    public var incremental = false

    /// The one-line summary the CLI prints.
    public var summary: String {
        let pages = pagesPerLanguage.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
        if incremental { return "re-rendered \(files) page(s) (\(pages)) in \(String(format: "%.0f", seconds * 1000)) ms" }
        return "built \(files) files (pages: \(pages); forms: \(forms)) in \(String(format: "%.2f", seconds)) s"
    }
}

/// Compiles `content/` and a theme into a static site: a linear list of named, timed steps.
public final class SiteBuilder {
    public let options: BuildOptions
    let sink = DiagnosticSink()

    public init(options: BuildOptions) {
        self.options = options
        sink.strict = options.strict
    }

    /// Builds the whole site; throws `BuildFailure` with every problem found, leaving the old output in place.
    public func build() throws -> BuildReport {
        try run(writing: true)
    }

    /// Runs every step; without `writing`, through a writer that discards, and without the steps that only write.
    func run(writing: Bool) throws -> BuildReport {
        let start = DispatchTime.now().uptimeNanoseconds
        sink.reset()
        resolved = nil
        let contentLabel = options.contentDirectory.lastPathComponent
        var snapshot = ContentSnapshot()
        var config: SiteConfig!
        var theme: Theme!
        var documents: [Document] = []
        var strings: [String: LanguageStrings] = [:]
        var site: ResolvedSite!
        var environment: RenderEnvironment!
        var spaces: SpaceIndex!
        var forms: FormCatalog!
        var results: [String: FormResult] = [:]
        var contributions: [String: [Contribution]] = [:]
        var reports: [String: ParticipationReport] = [:]
        var report = BuildReport()
        let writer = OutputWriter(output: options.outputDirectory, discards: !writing)
        var written = Counter()

        var runner = StepRunner(diagnostics: sink)
        let steps: [BuildStep] = [
            BuildStep(name: "load") { [self] in
                guard FileManager.default.fileExists(atPath: options.contentDirectory.path) else {
                    sink.error(options.contentDirectory.path, "content folder not found", hint: "run sitegen in your project folder or pass --content DIR")
                    throw StopBuild()
                }
                snapshot = ContentReader.read(contentDirectory: options.contentDirectory, sink: sink)
                guard let file = snapshot.site else {
                    sink.error(ContentPath.join(contentLabel, SiteConfig.fileName), "site.yaml is missing", hint: "create it with `title`, `base_url` and `languages`")
                    throw StopBuild()
                }
                config = SiteConfigLoader.load(text: file.text, file: file.file, sink: sink)
                if config == nil { throw StopBuild() }
                if let collector = options.collectorURL {
                    guard CollectorOrigin.isValid(collector) else {
                        sink.error("--collector-url", "`\(collector)` is not an http(s) address or a path on this site",
                                   hint: "e.g. `--collector-url http://127.0.0.1:8590/`; the pages' security policy lets forms post to its origin only")
                        throw StopBuild()
                    }
                    config.collectorURL = collector
                }
            },
            BuildStep(name: "theme") { [self] in
                theme = ThemeLoader.load(name: options.theme ?? config.theme, options: options, sink: sink)
                if theme == nil { throw StopBuild() }
            },
            BuildStep(name: "parse") { [self] in
                documents = DocumentParser.parse(snapshot, site: config, contentLabel: contentLabel, sink: sink)
            },
            BuildStep(name: "strings") { [self] in
                var layers: [StringsCatalog.Layer] = []
                for (language, files) in theme.stringFiles.sorted(by: { $0.key < $1.key }) {
                    for file in files {
                        guard let text = ContentReader.readText(file, label: file.path, sink: sink) else { continue }
                        layers.append(StringsCatalog.parse(text: text, file: file.path, language: language, sink: sink))
                    }
                }
                for entry in snapshot.strings {
                    layers.append(StringsCatalog.parse(text: entry.text, file: entry.file, language: entry.language, sink: sink))
                }
                strings = StringsCatalog.resolve(layers: layers, site: config, sink: sink)
                TemplateChecker.checkStrings(theme, known: Set(strings[config.defaultLanguage.code]?.values.keys.map { $0 } ?? []), sink: sink)
            },
            BuildStep(name: "resolve") { [self] in
                site = SiteResolver.resolve(documents: documents, pagePaths: snapshot.pages.map(\.relativePath), staticFiles: snapshot.staticFiles,
                                            config: config, options: options, sink: sink)
                resolved = site
            },
            BuildStep(name: "spaces") { [self] in
                spaces = SpaceIndex(site: site)
                reports = ReportsLoader.load(snapshot.reports, sink: sink)
                contributions = ContributionsLoader.load(snapshot.contributions, languages: Set(config.languages.map(\.code)), sink: sink)
                forms = FormCatalog(site: site, spaces: spaces, contributions: contributions)
                results = ResultsLoader.load(snapshot.results, forms: forms, sink: sink)
                for broken in AuditBundles.brokenLinks(results: results, forms: forms, site: site) { sink.report(broken) }
                for unissued in forms.credentialFormsWithoutIssuer(site: site) { sink.report(unissued) }
            },
            BuildStep(name: "assets") { [self] in
                try writer.prepare()
                var assets = AssetPipeline.publish(theme, sink: sink)
                assets.files += CharterStylesheet.files(site)
                environment = RenderEnvironment(site: site, theme: theme, strings: strings, assets: assets, liveReload: options.liveReload, sink: sink,
                                                spaces: spaces, forms: forms, results: results, contributions: contributions, reports: reports, now: options.now)
                try writer.makeDirectories(for: site.instances.map(\.outputPath) + assets.files.map(\.path) + site.staticFiles.keys)
                for file in assets.files { writer.write(file.path, file.data, sink: sink) }
                for file in site.staticFiles.values { writer.copy(file.source, to: file.relativePath, sink: sink) }
                written.add(assets.files.count + site.staticFiles.count)
            },
            BuildStep(name: "render") { [self] in
                let progress = Progress(label: "rendering", total: site.instances.count)
                PageRenderer.renderAll(Array(site.instances.indices), environment: environment, progress: progress) { path, html in
                    writer.write(path, html, sink: sink)
                }
                written.add(site.instances.count)
                let generated = GeneratedPages.make(environment: environment)
                try writer.makeDirectories(for: generated.map(\.outputPath))
                for page in generated {
                    if let html = GeneratedPages.render(page, environment: environment) { writer.write(page.outputPath, html, sink: sink) }
                }
                written.add(generated.count)
            },
            BuildStep(name: "feeds", requiresClean: true) { [self] in
                for file in Feeds.sitemaps(site) { writer.write(file.path, file.text, sink: sink); written.add(1) }
                for language in config.languages {
                    writer.write(language.code + "/feed.xml", Feeds.atom(site, language: language.code, title: config.title(for: language.code), now: options.now), sink: sink)
                    written.add(1)
                }
                writer.write("robots.txt", Feeds.robots(site), sink: sink)
                let codes = config.languages.map(\.code)
                let manifest = try BallotManifest(site: site.absoluteBase.isEmpty ? site.basePath : site.absoluteBase,
                                                  defaultLanguage: config.defaultLanguage.code, forms: forms.forms,
                                                  title: Dictionary(uniqueKeysWithValues: codes.map { ($0, config.title(for: $0)) }),
                                                  timezone: config.timeZone.identifier, pages: forms.pages(site),
                                                  issuers: config.credentialIssuers.isEmpty ? nil
                                                      : Dictionary(uniqueKeysWithValues: config.credentialIssuers.map { ($0.roll, $0.url) })).sealed()
                writer.write("ballots.json", try BallotManifest.encoder(pretty: true).encode(manifest), sink: sink)
                let words = CollectorCatalogFile.make(config: config, strings: environment.strings, pages: AnswerShells.render(environment: environment))
                writer.write(CollectorCatalog.fileName, try BallotManifest.encoder(pretty: true).encode(words), sink: sink)
                let data = OpenData.files(environment: environment)
                try writer.makeDirectories(for: data.map(\.path))
                for file in data { writer.write(file.path, file.text, sink: sink) }
                written.add(3 + data.count)
            },
            BuildStep(name: "search", requiresClean: true, onlyWrites: true) { [self] in
                guard options.runPagefind else { return }
                let note = Pagefind.run(tool: Pagefind.locate(), site: writer.staging, sink: sink)
                if !note.isEmpty { report.notes.append(note) }
            },
            BuildStep(name: "publish", requiresClean: true, onlyWrites: true) {
                try writer.commit()
            },
        ]
        do {
            try runner.run(steps.filter { writing || !$0.onlyWrites })
        } catch {
            writer.discard()
            if error is BuildFailure { throw error }
            throw BuildFailure(diagnostics: sink.all + [Diagnostic(.error, step: sink.step, file: options.outputDirectory.path, "\(error)", hint: "check the output folder's permissions and free space")])
        }
        report.timings = runner.timings
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        report.files = written.value
        report.warnings = sink.warnings
        report.pagesPerLanguage = config.languages.map { language in
            (language.code, site.instances.filter { $0.language.code == language.code }.count)
        }
        lastBuild = LastBuild(snapshot: snapshot, config: config, theme: theme, documents: documents, strings: strings, site: site, environment: environment)
        report.forms = forms.forms.count
        return report
    }

    /// What the last good build knew, kept by `serve` to re-render only what a change touches.
    struct LastBuild {
        var snapshot: ContentSnapshot
        var config: SiteConfig
        var theme: Theme
        var documents: [Document]
        var strings: [String: LanguageStrings]
        var site: ResolvedSite
        var environment: RenderEnvironment
    }

    var lastBuild: LastBuild?
    /// The pages of the last run that got as far as resolving them, even one that then failed.
    var resolved: ResolvedSite?
}

/// A count shared by build steps.
struct Counter {
    private(set) var value = 0
    mutating func add(_ count: Int) { value += count }
}
