import ArgumentParser
import Foundation
import SiteKit

/// `sitegen serve`: builds into a scratch folder, serves it, rebuilds on change and reloads open pages.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the site with live reload while you edit.",
        discussion: "The preview is built into a new folder under the system's temporary folder, removed when serve stops, never into the site's output: publish what `sitegen build` writes."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 1313

    func run() async throws {
        // Line by line even into a file or a pipe, so a log shows each rebuild as it happens.
        setvbuf(stdout, nil, _IOLBF, 0)
        let preview = try PreviewFolder.make()
        defer { preview.remove() }
        var options = site.buildOptions(output: preview.url)
        options.liveReload = true
        options.runPagefind = false
        print("building the preview into \(preview.url.path)")
        let server = DevServer(options: options, host: host, port: port)
        try await server.run()
    }
}
