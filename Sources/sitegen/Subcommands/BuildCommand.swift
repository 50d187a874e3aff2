import ArgumentParser
import Foundation
import SiteKit

/// `sitegen build`: one full build into the output folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site once.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Folder the site is written to; the build replaces it whole.")
    var output = "public"

    @Flag(name: .customLong("no-search"), help: "Skip the Pagefind search index even when Pagefind is installed.")
    var noSearch = false

    func run() throws {
        var options = site.buildOptions(output: URL(fileURLWithPath: output))
        options.runPagefind = !noSearch
        let builder = SiteBuilder(options: options)
        do {
            ReportPrinter.printSuccess(try builder.build(), verbose: site.verbose)
        } catch let failure as BuildFailure {
            ReportPrinter.printFailure(failure)
            throw ExitCode(1)
        }
    }
}
