/// One criterion for ordering projects that a rule finds equal; rules apply a list of them in turn.
public enum TieBreak: String, Equatable, Sendable, CaseIterable {
    case moreVotes = "more votes"
    case lowerCost = "lower cost"
    case higherCost = "higher cost"
    /// Project ids compared as strings, code point by code point ("10" before "9"), as pabutools does.
    case lowerID = "lower id"
    /// The order of the PROJECTS rows, as the Pabulib checker's stable sort keeps it.
    case fileOrder = "file order"

    /// More votes, then lower cost, then id.
    public static let standard: [TieBreak] = [.moreVotes, .lowerCost, .lowerID]
}

extension BudgetProblem {
    /// Whether `a` goes before `b` under `chain`, and the criterion that decided it.
    /// File order settles whatever the chain leaves equal, so the order is always total.
    func tieOrder(_ a: Int, _ b: Int, _ chain: [TieBreak]) -> (aFirst: Bool, decidedBy: TieBreak) {
        for key in chain {
            switch key {
            case .moreVotes where votes[a] != votes[b]:
                return (votes[a] > votes[b], key)
            case .lowerCost where unitCosts[a] != unitCosts[b]:
                return (unitCosts[a] < unitCosts[b], key)
            case .higherCost where unitCosts[a] != unitCosts[b]:
                return (unitCosts[a] > unitCosts[b], key)
            case .lowerID where projectIDs[a] != projectIDs[b]:
                return (projectIDs[a].utf8.lexicographicallyPrecedes(projectIDs[b].utf8), key)
            case .fileOrder:
                return (a < b, key)
            default:
                continue
            }
        }
        return (a < b, .fileOrder)
    }

    /// Sorts projects the rule found equal and states the criterion between each neighbouring pair.
    func breakTie(_ tied: [Int], _ chain: [TieBreak]) -> (order: [Int], decidedBy: [TieBreak]) {
        let order = tied.sorted { tieOrder($0, $1, chain).aFirst }
        let decidedBy = zip(order, order.dropFirst()).map { tieOrder($0, $1, chain).decidedBy }
        return (order, decidedBy)
    }
}
