import Foundation
import Model

/// `export --polis`: an opinion conversation's verified reactions as Pol.is's open-data files, so other tools
/// (and Pol.is's own notebooks) can map and compare it.
public enum PolisExport {
    public static func files(form formID: String, verification: Verification, manifest: BallotManifest) throws -> (comments: String, votes: String) {
        guard let form = manifest.form(formID) else { throw TellerError("--form \(formID): no such form in the manifest") }
        guard form.kind == .opinion else { throw TellerError("--form \(formID): a \(form.kind.rawValue) form; --polis exports opinion conversations") }
        let ballots = CountInput(verification, manifest: manifest).counted(formID)
        let statements = form.options.map { option in
            PolisStatement(id: option.id, text: option.title[manifest.defaultLanguage] ?? option.title.values.sorted().first ?? option.id)
        }
        let conversation = PolisConversation(statements: statements, votes: OpinionTally.votes(form, ballots: ballots))
        return (conversation.commentsCSV(), conversation.votesCSV())
    }
}
