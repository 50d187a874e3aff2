import Foundation

/// The disk edge of loading: walks `content/` and reads every file into a snapshot.
enum ContentReader {
    static func read(contentDirectory: URL, sink: DiagnosticSink) -> ContentSnapshot {
        var snapshot = ContentSnapshot()
        let label = contentDirectory.lastPathComponent
        let siteURL = contentDirectory.appendingPathComponent(SiteConfig.fileName)
        if FileManager.default.fileExists(atPath: siteURL.path), let text = readText(siteURL, label: ContentPath.join(label, SiteConfig.fileName), sink: sink) {
            snapshot.site = (ContentPath.join(label, SiteConfig.fileName), text)
        }
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: contentDirectory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            return snapshot
        }
        let root = contentDirectory.standardizedFileURL.path
        var pagePaths: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.count + 1))
            if relative == SiteConfig.fileName { continue }
            if relative.hasPrefix("i18n/") {
                if relative.hasSuffix(".yaml"), let text = readText(url, label: ContentPath.join(label, relative), sink: sink) {
                    let language = String(ContentPath.lastComponent(of: relative).dropLast(5))
                    snapshot.strings.append((language, ContentPath.join(label, relative), text))
                }
                continue
            }
            if relative.hasPrefix("_results/") {
                // The tally's summary sits beside the result files; it is not one.
                if relative == "_results/summary.json" { continue }
                if relative.hasSuffix(".json"), let data = FileManager.default.contents(atPath: url.path) {
                    snapshot.results.append((ContentPath.join(label, relative), data))
                }
                continue
            }
            if relative.hasPrefix("_reports/") {
                let parts = relative.split(separator: "/")
                if parts.count == 3, parts[2] == "report.json", let data = FileManager.default.contents(atPath: url.path) {
                    snapshot.reports.append((ContentPath.join(label, relative), String(parts[1]), data))
                } else if parts.count == 3, parts[2] == "report.csv" {
                    // Published beside the pages for spreadsheets; the report page links to it.
                    snapshot.staticFiles.append(StaticFile(relativePath: ReportContext.csvPath(String(parts[1])), source: url))
                }
                continue
            }
            if relative.hasPrefix(AuditBundles.folder) {
                // Copied as they are, Markdown included: a bundle's README files are the tellers' words, not pages.
                snapshot.staticFiles.append(StaticFile(relativePath: AuditBundles.publishedPath(of: relative), source: url))
                continue
            }
            if relative.hasPrefix(ContributionsLoader.folder) {
                if relative.hasSuffix(".md"), let text = readText(url, label: ContentPath.join(label, relative), sink: sink) {
                    snapshot.contributions.append((ContentPath.join(label, relative), text))
                }
                continue
            }
            if relative.hasSuffix(".md") { pagePaths.append(relative) } else {
                snapshot.staticFiles.append(StaticFile(relativePath: relative, source: url))
            }
        }
        pagePaths.sort()
        var texts = [String?](repeating: nil, count: pagePaths.count)
        texts.withUnsafeMutableBufferPointer { buffer in
            let output = buffer
            DispatchQueue.concurrentPerform(iterations: pagePaths.count) { index in
                output[index] = readText(contentDirectory.appendingPathComponent(pagePaths[index]), label: ContentPath.join(label, pagePaths[index]), sink: sink)
            }
        }
        for (path, text) in zip(pagePaths, texts) {
            if let text { snapshot.pages.append((path, text)) }
        }
        snapshot.staticFiles.sort { $0.relativePath < $1.relativePath }
        return snapshot
    }

    static func readText(_ url: URL, label: String, sink: DiagnosticSink) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            sink.error(label, "cannot read this file", hint: "check that it exists and is readable")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            sink.error(label, "the file is not valid UTF-8", hint: "save it as UTF-8 in your editor")
            return nil
        }
        return text
    }
}
