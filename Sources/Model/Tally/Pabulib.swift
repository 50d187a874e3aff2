import Foundation

/// A participatory-budgeting election as a Pabulib `.pb` file holds it (pabulib.org/format).
public struct PBElection: Equatable, Sendable {
    /// META values by key.
    public var meta: [String: String]
    /// META keys in file order, so that writing the file back keeps its layout.
    public var metaOrder: [String]
    /// PROJECTS header, in file order.
    public var projectColumns: [String]
    public var projects: [PBProject]
    /// VOTES header, in file order.
    public var voterColumns: [String]
    public var voters: [PBVoter]

    public init(meta: [String: String], metaOrder: [String]? = nil, projectColumns: [String] = [],
                projects: [PBProject], voterColumns: [String] = [], voters: [PBVoter]) {
        self.meta = meta
        self.metaOrder = metaOrder ?? meta.keys.sorted()
        self.projectColumns = projectColumns
        self.projects = projects
        self.voterColumns = voterColumns
        self.voters = voters
    }

    /// Reads the text of a `.pb` file; a UTF-8 byte-order mark and CRLF line ends are accepted.
    public init(pabulibText text: String) throws {
        var parser = PabulibParser(text)
        self = try parser.parse()
    }

    /// The total amount to allocate (META `budget`).
    public var budget: Decimal? { meta["budget"].flatMap(PabulibNumber.decimal) }

    /// META `vote_type`; `approval` when absent, as pabutools assumes.
    public var voteType: PBVoteType? { PBVoteType(rawValue: meta["vote_type"] ?? "approval") }

    /// META `rule`: how the official winners were chosen.
    public var rule: String? { meta["rule"] }

    /// META `min_project_score_threshold`: the score a project needs to be eligible.
    public var scoreThreshold: Int? { meta["min_project_score_threshold"].flatMap { Int($0) } }
}

/// What a ballot in a `.pb` file expresses (META `vote_type`).
public enum PBVoteType: String, Sendable, CaseIterable {
    case approval
    case ordinal
    case cumulative
    case scoring
    case chooseOne = "choose-1"

    /// Whether ballots carry a `points` column.
    public var hasPoints: Bool { self == .cumulative || self == .scoring }
}

/// One row of the PROJECTS section.
public struct PBProject: Equatable, Sendable {
    public var id: String
    public var cost: Decimal
    /// `name`, if the file has that column.
    public var name: String?
    /// `votes`: how many voters listed the project, as the file states it.
    public var votes: Int?
    /// `score`: the sum of points, as the file states it.
    public var score: Decimal?
    /// `selected`: the official outcome (1 = funded; other values are explained in META `comment`).
    public var selected: Int?
    /// Every other column by header name (category, latitude, ...).
    public var fields: [String: String]

    public init(id: String, cost: Decimal, name: String? = nil, votes: Int? = nil, score: Decimal? = nil,
                selected: Int? = nil, fields: [String: String] = [:]) {
        self.id = id
        self.cost = cost
        self.name = name
        self.votes = votes
        self.score = score
        self.selected = selected
        self.fields = fields
    }
}

/// One row of the VOTES section.
public struct PBVoter: Equatable, Sendable {
    public var id: String
    /// Project ids in ballot order (best first for ordinal ballots, most points first for cumulative ones).
    public var vote: [String]
    /// Points matching `vote`, for cumulative and scoring ballots.
    public var points: [Int]?
    /// Every other column by header name (age, sex, voting_method, ...).
    public var fields: [String: String]

    public init(id: String, vote: [String], points: [Int]? = nil, fields: [String: String] = [:]) {
        self.id = id
        self.vote = vote
        self.points = points
        self.fields = fields
    }
}

/// A `.pb` file that could not be read: the line where reading stopped and what is wrong there.
public struct PabulibError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public let line: Int
    public let message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
    public var errorDescription: String? { description }
}

/// Numbers as Pabulib writes them: `.` for decimals, though pabutools also accepts `,`.
enum PabulibNumber {
    static func decimal(_ text: String) -> Decimal? {
        var digits = 0
        var separators = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."), UInt8(ascii: ","): separators += 1
            case UInt8(ascii: "-") where offset == 0: continue
            default: return nil
            }
        }
        guard digits > 0, separators <= 1 else { return nil }
        return Decimal(string: text.replacingOccurrences(of: ",", with: "."), locale: Locale(identifier: "en_US_POSIX"))
    }
}

extension PBProject {
    /// Columns held in typed properties rather than in `fields`.
    static let typedColumns: Set<String> = ["project_id", "cost", "name", "votes", "score", "selected"]
}

extension PBVoter {
    /// Columns held in typed properties rather than in `fields`.
    static let typedColumns: Set<String> = ["voter_id", "vote", "points"]
}
