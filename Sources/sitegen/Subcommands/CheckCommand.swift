import ArgumentParser
import Foundation
import SiteKit

/// `sitegen check`: every problem a build would report, and the translation table, writing nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Report every error and warning of a build, and which pages each language translates, without writing the site.",
        discussion: "Exits with status 1 when there are errors (and, with --strict, warnings), as build does."
    )

    @OptionGroup var site: SiteOptions

    func run() throws {
        let report = SiteBuilder(options: site.buildOptions(output: URL(fileURLWithPath: "public"))).check()
        ReportPrinter.printDiagnostics(report.diagnostics)
        if let table = report.translations { print(table.text) }
        print("check: \(report.errors.count) error(s), \(report.warnings.count) warning(s)")
        if !report.errors.isEmpty { throw ExitCode(1) }
    }
}
