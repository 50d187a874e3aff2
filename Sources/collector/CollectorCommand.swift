import ArgumentParser

/// `collector`: receives, imports, verifies and counts the participants' signed submissions.
@main
struct CollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collector",
        abstract: "Receive, import, verify and count the signed submissions of a consultation.",
        discussion: "See README.md (Tellers) for a whole count: import, verify, tally, publish; opinions maps a conversation.",
        subcommands: [ServeCommand.self, CredentialsCommand.self, IssuerCommand.self, ImportCommand.self, VerifyCommand.self, TallyCommand.self, ExportCommand.self, PublishCommand.self, AuditCommand.self, OpinionsCommand.self, ReportCommand.self]
    )
}
