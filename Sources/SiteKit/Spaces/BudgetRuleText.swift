import Foundation

/// A budget ballot's rule in plain words, in the participant's language.
enum BudgetRuleText {
    static func sentences(_ budget: BudgetSettings, language: String, env: RenderEnvironment) -> [[String: String]] {
        guard let strings = env.strings(for: language), let formats = env.formats[language] else { return [] }
        let money = { (amount: Int) in formats.money(Double(amount), currency: budget.currency) }
        var rules: [String] = []
        switch budget.ballot {
        case .knapsack:
            rules.append(strings.text("rule_knapsack", ["budget": money(budget.total)]))
            if let share = budget.minShare, share > 0 {
                rules.append(strings.text("rule_min_share", ["amount": money(budget.total * share / 100), "percent": formats.number(share)]))
            }
        case .approval:
            break
        case .cumulative:
            let points = budget.points ?? 0
            rules.append(strings.plural("rule_cumulative", count: points, formattedCount: formats.number(points)))
            if let most = budget.maxPointsPerProject {
                rules.append(strings.plural("rule_max_points", count: most, formattedCount: formats.number(most)))
            }
        }
        switch (budget.minProjects, budget.maxProjects) {
        case let (low?, high?) where low == high:
            rules.append(strings.plural("rule_exact_projects", count: low, formattedCount: formats.number(low)))
        case let (low?, high?):
            rules.append(strings.text("rule_between_projects", ["min": formats.number(low), "max": formats.number(high)]))
        case let (low?, nil):
            rules.append(strings.plural("rule_min_projects", count: low, formattedCount: formats.number(low)))
        case let (nil, high?):
            rules.append(strings.plural("rule_max_projects", count: high, formattedCount: formats.number(high)))
        case (nil, nil):
            break
        }
        return rules.map { ["text": $0] }
    }
}
