import ArgumentParser
import Foundation
import SiteKit

/// `sitegen serve`: builds, serves the site, rebuilds on change and reloads open pages.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the site with live reload while you edit.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 1313

    func run() async throws {
        // Line by line even into a file or a pipe, so a log shows each rebuild as it happens.
        setvbuf(stdout, nil, _IOLBF, 0)
        var options = site.buildOptions()
        options.liveReload = true
        options.runPagefind = false
        let server = DevServer(options: options, host: host, port: port)
        try await server.run()
    }
}
