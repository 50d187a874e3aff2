/// How the winners of a budget are chosen; names as a budget's `tally:`, the manifest and `collector tally --rule` spell them.
public enum TallyRule: String, Codable, Sendable, CaseIterable {
    case greedy, greedyThreshold = "greedy-threshold", greedyNoSkip = "greedy-no-skip", equalShares = "equal-shares"
    case equalSharesAdd1 = "equal-shares-add1", equalSharesAdd1Comparison = "equal-shares-add1-comparison"

    /// The rule with its settings. Ties go to more votes, then lower cost, then the lower id.
    /// `threshold` is the least score a project needs (greedy-threshold, and Equal Shares when set).
    public func budgetRule(threshold: Int? = nil, stopsWhenExhaustive: Bool = false) -> BudgetRule {
        switch self {
        case .greedy: return .greedy(GreedyOptions())
        case .greedyThreshold: return .greedy(GreedyOptions(threshold: threshold))
        case .greedyNoSkip: return .greedy(GreedyOptions(threshold: threshold, stopsAtFirstMisfit: true))
        case .equalShares: return .equalShares(EqualSharesOptions(add1: nil, threshold: threshold))
        case .equalSharesAdd1, .equalSharesAdd1Comparison:
            return .equalShares(EqualSharesOptions(add1: Add1(stopsWhenExhaustive: stopsWhenExhaustive),
                                                   comparesWithGreedy: self == .equalSharesAdd1Comparison, threshold: threshold))
        }
    }
}
