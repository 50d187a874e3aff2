import Foundation

/// What `sitegen check` found: every problem the build reports, and which pages each language translates.
public struct CheckReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Nil when the build stopped before it knew the pages (no site.yaml, no theme).
    public var translations: TranslationTable?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

extension SiteBuilder {
    /// Runs every step of the build that can find a problem, writing nothing; `--strict` makes warnings errors, as in a build.
    public func check() -> CheckReport {
        var report = CheckReport()
        do {
            _ = try run(writing: false)
            report.diagnostics = sink.all
        } catch {
            report.diagnostics = (error as? BuildFailure)?.diagnostics ?? sink.all
        }
        report.translations = resolved.map(TranslationTable.init(site:))
        return report
    }
}
