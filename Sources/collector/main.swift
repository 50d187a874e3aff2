import ArgumentParser

/// `collector`: receives, imports, verifies and counts the participants' signed submissions.
struct CollectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collector",
        abstract: "Receive, import, verify and count the signed submissions of a consultation.",
        discussion: "The subcommands (serve, credentials, import, verify, tally, export, report) arrive with their issues; see README.md."
    )
}

CollectorCommand.main()
