import ArgumentParser

/// `sitegen`: compiles content files and a theme into a static multilingual consultation site.
@main
struct SitegenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Build a static, multilingual consultation site from content/ and a theme.",
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, NewCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
