import ArgumentParser
import CollectorKit
import Foundation

/// `collector opinions`: opinion groups and consensus of a conversation exported from Pol.is.
struct OpinionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinions",
        abstract: "Map an opinion conversation from Pol.is's open-data export: groups, distinctive and consensus statements.",
        discussion: "Reads Pol.is's export convention (vote 1 is agree, -1 disagree, 0 pass). As in Pol.is, comments moderated "
            + "out (-1) are left out of the map, their votes counting only towards a participant's minimum of 7."
    )

    @Option(help: "Pol.is's comments.csv.")
    var polisComments: String

    @Option(help: "Pol.is's votes.csv, of the same conversation.")
    var polisVotes: String

    @Option(help: "The result JSON to write.")
    var out: String

    func run() throws {
        let result = try PolisImport.map(commentsPath: polisComments, votesPath: polisVotes)
        try PolisImport.json(result).write(to: URL(fileURLWithPath: out), options: .atomic)
        print("\(out): \(result.participants) participants counted (at least \(result.minimumVotes) votes each), "
            + "groups: \(result.groups.count), consensus statements: \(result.consensus.count)")
    }
}
