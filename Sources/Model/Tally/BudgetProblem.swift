import Foundation

/// What greedy rules rank projects by.
public enum ScoreKind: String, Sendable {
    /// The number of voters who list the project (approval and choose-1 ballots).
    case votes
    /// The sum of points (cumulative and scoring ballots, or rank points for ordinal ones).
    case points
}

/// One voter's ballot: indices into `BudgetProblem.projectIDs`, with points when the ballot carries them.
public struct BudgetBallot: Equatable, Sendable {
    public var projects: [Int]
    /// Points matching `projects`; nil means one point each (an approval ballot).
    public var points: [Int]?

    public init(projects: [Int], points: [Int]? = nil) {
        self.projects = projects
        self.points = points
    }
}

/// A budgeting input the rules cannot count, such as a cost with more decimals than an `Int` can carry.
public struct TallyError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// A budgeting election reduced to what the rules read: projects and voters are array indices.
public struct BudgetProblem: Sendable {
    public let projectIDs: [String]
    public let costs: [Decimal]
    public let budget: Decimal
    /// Every voter counts, including those who handed in an empty ballot (they share in B/n under Equal Shares).
    public let voterCount: Int
    /// How many voters list each project.
    public let votes: [Int]
    /// The sum of points each project received; equal to `votes` for approval ballots.
    public let points: [Int]
    /// What greedy rules rank by.
    public let scoreKind: ScoreKind

    // Money as integers in units of 10^-decimals of the currency, so that sums and fits are exact.
    let unitCosts: [Int]
    let unitBudget: Int
    let unitsPerCurrency: Int
    // Supporters of project p: supporters[supporterStart[p] ..< supporterStart[p + 1]].
    let supporterStart: [Int]
    let supporters: [Int32]
    // Projects on ballot v: ballotProjects[ballotStart[v] ..< ballotStart[v + 1]].
    let ballotStart: [Int]
    let ballotProjects: [Int32]

    public init(projectIDs: [String], costs: [Decimal], budget: Decimal, ballots: [BudgetBallot],
                scoreKind: ScoreKind) throws {
        guard projectIDs.count == costs.count else {
            throw TallyError("\(projectIDs.count) project ids but \(costs.count) costs")
        }
        guard Set(projectIDs).count == projectIDs.count else { throw TallyError("project ids are not unique") }
        guard ballots.count <= Int(Int32.max), projectIDs.count <= Int(Int32.max) else {
            throw TallyError("too many voters or projects")
        }
        let digits = max(costs.map(Self.fractionDigits).max() ?? 0, Self.fractionDigits(budget))
        guard digits <= 9 else { throw TallyError("amounts with more than 9 decimals are not supported") }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        guard let unitBudget = Self.units(budget, digits: digits) else {
            throw TallyError("budget \(budget) is negative or too large")
        }
        var unitCosts: [Int] = []
        for (id, cost) in zip(projectIDs, costs) {
            guard let units = Self.units(cost, digits: digits) else {
                throw TallyError("cost \(cost) of project '\(id)' is negative or too large")
            }
            unitCosts.append(units)
        }

        var votes = [Int](repeating: 0, count: projectIDs.count)
        var points = votes
        var ballotStart = [0]
        var ballotProjects: [Int32] = []
        ballotStart.reserveCapacity(ballots.count + 1)
        // lastVoter[p] is the last ballot that listed p, which finds a project listed twice without a set per ballot.
        var lastVoter = [Int](repeating: -1, count: projectIDs.count)
        for (voter, ballot) in ballots.enumerated() {
            if let given = ballot.points, given.count != ballot.projects.count {
                throw TallyError("ballot \(voter) lists \(ballot.projects.count) projects but \(given.count) points")
            }
            for (position, project) in ballot.projects.enumerated() {
                guard votes.indices.contains(project) else {
                    throw TallyError("ballot \(voter) names project index \(project), there are \(votes.count)")
                }
                guard lastVoter[project] != voter else { throw TallyError("ballot \(voter) lists a project twice") }
                lastVoter[project] = voter
                votes[project] += 1
                points[project] += ballot.points?[position] ?? 1
                ballotProjects.append(Int32(project))
            }
            ballotStart.append(ballotProjects.count)
        }

        var supporterStart = [0]
        for count in votes { supporterStart.append(supporterStart.last! + count) }
        var fill = Array(supporterStart.dropLast())
        var supporters = [Int32](repeating: 0, count: ballotProjects.count)
        for voter in 0..<ballots.count {
            for slot in ballotStart[voter]..<ballotStart[voter + 1] {
                let project = Int(ballotProjects[slot])
                supporters[fill[project]] = Int32(voter)
                fill[project] += 1
            }
        }

        self.projectIDs = projectIDs
        self.costs = costs
        self.budget = budget
        self.voterCount = ballots.count
        self.votes = votes
        self.points = points
        self.scoreKind = scoreKind
        self.unitCosts = unitCosts
        self.unitBudget = unitBudget
        self.unitsPerCurrency = scale
        self.supporterStart = supporterStart
        self.supporters = supporters
        self.ballotStart = ballotStart
        self.ballotProjects = ballotProjects
    }

    /// The number greedy rules rank project `p` by.
    func score(_ p: Int) -> Int { scoreKind == .votes ? votes[p] : points[p] }

    /// Integer money units back in the currency.
    func money(_ units: Int) -> Decimal { Decimal(units) / Decimal(unitsPerCurrency) }

    /// Fractional money units (Equal Shares payments) back in the currency.
    func money(_ units: Double) -> Double { units / Double(unitsPerCurrency) }

    private static func fractionDigits(_ amount: Decimal) -> Int {
        let text = "\(amount)"
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    /// `amount` × 10^digits as an integer, read from its decimal text so no binary rounding creeps in.
    private static func units(_ amount: Decimal, digits: Int) -> Int? {
        guard amount >= 0 else { return nil }
        let parts = "\(amount)".split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let padded = fraction + String(repeating: "0", count: digits - fraction.count)
        return Int(String(parts[0]) + padded)
    }
}
