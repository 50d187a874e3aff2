import ArgumentParser
import SiteKit

/// `sitegen build`: one full build into the output folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site once.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let builder = SiteBuilder(options: site.buildOptions())
        do {
            ReportPrinter.printSuccess(try builder.build(), verbose: site.verbose)
        } catch let failure as BuildFailure {
            ReportPrinter.printFailure(failure)
            throw ExitCode(1)
        }
    }
}
