import ArgumentParser
import Foundation
import Model
import SiteKit

/// Options shared by `build`, `serve` and `check`: what decides the site; only `build` has an output folder.
struct SiteOptions: ParsableArguments {
    @Option(help: "Folder holding site.yaml and the content files.")
    var content = "content"

    @Option(help: "Theme name (looked up in ./themes and the built-in themes) or theme folder.")
    var theme: String?

    @Flag(help: "Include pages marked `draft: true`.")
    var drafts = false

    @Flag(help: "Treat warnings (such as a missing translation of a UI string) as errors.")
    var strict = false

    @Option(name: .customLong("base-url"), help: "Override site.yaml's base_url, e.g. for a preview host.")
    var baseURL: String?

    @Option(name: .customLong("collector-url"), help: "Override site.yaml's collector_url, e.g. for a kiosk on another port.")
    var collectorURL: String?

    @Option(help: ArgumentHelp("Build as if it were this UTC time, e.g. 2026-11-26T12:00:00Z: it decides which pages are published, which phase is current and which forms are open.",
                               discussion: "For previews of a coming phase, rehearsals and tests; pass the same --clock to `collector serve`.",
                               valueName: "time"))
    var clock: String?

    @Flag(name: .shortAndLong, help: "Print each build step with its time.")
    var verbose = false

    func validate() throws {
        if let clock, UTCSecond.parse(clock) == nil {
            throw ValidationError("--clock \(clock): write a UTC time to the second, e.g. 2026-11-26T12:00:00Z")
        }
    }

    func buildOptions(output: URL) -> BuildOptions {
        var options = BuildOptions(contentDirectory: URL(fileURLWithPath: content), outputDirectory: output)
        options.theme = theme
        options.includeDrafts = drafts
        options.strict = strict
        options.baseURL = baseURL
        options.collectorURL = collectorURL
        options.verbose = verbose
        if let time = clock.flatMap(UTCSecond.parse) { options.now = time }
        return options
    }
}

/// Prints a build's outcome the way the CLI shows it.
enum ReportPrinter {
    /// Each on its own line on standard error, where editors and the terminal look for them.
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
    }

    static func printSuccess(_ report: BuildReport, verbose: Bool) {
        printDiagnostics(report.warnings)
        if verbose {
            for timing in report.timings {
                let name = timing.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                print("  \(name)" + String(format: "%9.1f ms", timing.seconds * 1000))
            }
        }
        for note in report.notes { print(note) }
        print(report.summary)
    }

    static func printFailure(_ failure: BuildFailure) {
        printDiagnostics(failure.diagnostics)
        let errors = failure.diagnostics.filter { $0.severity == .error }.count
        FileHandle.standardError.write(Data("build failed: \(errors) error(s); the previous site was left as it was\n".utf8))
    }
}
