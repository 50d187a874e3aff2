import ArgumentParser

/// `collector`: receives, imports, verifies and counts the participants' signed submissions.
@main
struct CollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collector",
        abstract: "Receive, import, verify and count the signed submissions of a consultation.",
        discussion: "More subcommands (import, verify, tally, export, report) arrive with their issues; see README.md.",
        subcommands: [ServeCommand.self, CredentialsCommand.self, OpinionsCommand.self]
    )
}
