import ArgumentParser
import Foundation
import SiteKit

/// `sitegen build`: one full build into the output folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site once.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Folder the site is written to; the build replaces it whole.")
    var output = "public"

    func run() throws {
        let builder = SiteBuilder(options: site.buildOptions(output: URL(fileURLWithPath: output)))
        do {
            ReportPrinter.printSuccess(try builder.build(), verbose: site.verbose)
        } catch let failure as BuildFailure {
            ReportPrinter.printFailure(failure)
            throw ExitCode(1)
        }
    }
}
