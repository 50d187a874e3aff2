import Foundation
import Model

/// `tally --pabulib`: a `.pb` file counted by the rule its META names, or by the one asked for.
public struct PabulibCount: Encodable, Equatable, Sendable {
    /// Funded project ids in the order the rule selected them.
    public var selected: [String]
    public var cost: Decimal
    public var budget: Decimal
    /// The rule as applied, in words.
    public var rule: String
    public var notes: [String]

    /// Counts `file`; `rule` nil takes the rule from META (`auto`).
    public static func count(file path: String, rule: TallyRule?, stopsWhenExhaustive: Bool) throws -> PabulibCount {
        guard let data = FileManager.default.contents(atPath: path) else { throw TellerError("--pabulib \(path): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw TellerError("--pabulib \(path): not UTF-8 text") }
        do {
            let election = try PBElection(pabulibText: text)
            let outcome: BudgetOutcome
            if let rule {
                var chosen = rule.budgetRule(threshold: election.scoreThreshold, stopsWhenExhaustive: stopsWhenExhaustive)
                if case .greedy(var options) = chosen {
                    options.unrealizableCost = BudgetRule.pabulibUnrealizableCost
                    chosen = .greedy(options)
                }
                outcome = try election.tally(chosen)
            } else {
                outcome = try election.tally()
            }
            return PabulibCount(selected: outcome.selected, cost: outcome.totalCost, budget: outcome.budget, rule: outcome.rule, notes: outcome.notes)
        } catch let error as PabulibError {
            throw TellerError("\(path):\(error.line): \(error.message)")
        } catch let error as TallyError {
            throw TellerError("\(path): \(error.message)")
        }
    }

    /// Sorted keys, so the same file always prints the same bytes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
