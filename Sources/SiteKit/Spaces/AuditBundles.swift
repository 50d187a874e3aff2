import Foundation
import Model

/// The audit bundles `collector publish --out content/_audit` writes: sitegen publishes them at `audit/`, so a
/// build, which replaces its whole output, carries them, and a result page never links a bundle the site lacks.
enum AuditBundles {
    /// The folder of `content/` holding the bundles.
    static let folder = "_audit/"
    /// Where the site publishes them; `collector tally --audit-url` must name it.
    static let published = "audit/"

    /// The site path of a file of `content/_audit/`.
    static func publishedPath(of relative: String) -> String {
        published + relative.dropFirst(folder.count)
    }

    /// An error for each result whose `audit` link the site would not publish, at the source file of the page that
    /// shows the result (a bundle's folder always holds its `index.html`, which the link opens).
    static func brokenLinks(results: [String: FormResult], forms: FormCatalog, site: ResolvedSite) -> [Diagnostic] {
        var pageOfForm: [String: ContentKey] = [:]
        for (page, ids) in forms.formsByPage { for id in ids { pageOfForm[id] = page } }
        return results.values.sorted { $0.form < $1.form }.compactMap { result in
            guard let audit = result.audit else { return nil }
            let folder = audit.hasSuffix("/") ? audit : audit + "/"
            guard site.staticFiles[folder + "index.html"] == nil else { return nil }
            let page = pageOfForm[result.form].flatMap { site.instance($0, site.config.defaultLanguage.code)?.document.file }
            let hint = folder.hasPrefix(published)
                ? "publish the bundles before building, with `collector publish ... --audit-url \(published) --out content/_audit`: the site publishes content/\(folder.replacingOccurrences(of: published, with: Self.folder, options: .anchored)) at \(folder)"
                : "count and publish with `--audit-url \(published)`: the site publishes the bundles of content/\(Self.folder) at \(published)"
            return Diagnostic(.error, file: page ?? "content/_results/\(result.form).json",
                              "the result of form `\(result.form)` links its audit bundle at `\(folder)`, which the site does not publish", hint: hint)
        }
    }
}
