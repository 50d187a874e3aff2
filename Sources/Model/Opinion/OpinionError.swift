/// Why a set of opinion votes cannot be mapped.
public enum OpinionError: Error, Equatable, CustomStringConvertible {
    case duplicateStatement(String)
    case unknownStatement(statement: String, participant: String)

    public var description: String {
        switch self {
        case .duplicateStatement(let id):
            "statement \"\(id)\" is listed twice: give each statement its own id"
        case .unknownStatement(let statement, let participant):
            "participant \"\(participant)\" voted on statement \"\(statement)\", which is not in the list of statements: add it or drop the vote"
        }
    }
}
