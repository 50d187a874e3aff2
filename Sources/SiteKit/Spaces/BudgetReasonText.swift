import Foundation
import Model

/// A budget project's reason in the page's language, from the result's data: project titles for ids, amounts
/// in the page's money format, words from the theme's strings (`reason_*`).
struct BudgetReasonText {
    let strings: LanguageStrings
    let formats: Formats
    let currency: String
    /// Project id -> its title in the page's language.
    let titles: [String: String]

    /// The reasons of `items`' budget on a page in `language`; nil when the theme has no strings for it.
    init?(items: [PageInstance], language: String, currency: String, env: RenderEnvironment) {
        guard let strings = env.strings(for: language), let formats = env.formats[language] else { return nil }
        self.init(strings: strings, formats: formats, currency: currency, titles: Self.titles(items))
    }

    init(strings: LanguageStrings, formats: Formats, currency: String, titles: [String: String]) {
        self.strings = strings
        self.formats = formats
        self.currency = currency
        self.titles = titles
    }

    /// Project id -> title, as the page's language gives it.
    static func titles(_ items: [PageInstance]) -> [String: String] {
        Dictionary(items.map { ($0.key.name, $0.document.meta.title) }, uniquingKeysWith: { first, _ in first })
    }

    func sentence(_ why: OptionWhy) -> String {
        ([reason(why)] + why.ties.map(tie)).joined(separator: " ")
    }

    private func reason(_ why: OptionWhy) -> String {
        var arguments: [String: String] = [:]
        if let round = why.round { arguments["round"] = formats.number(round) }
        if let score = why.score { arguments["score"] = self.score(score, kind: why.kind) }
        if let threshold = why.threshold { arguments["threshold"] = formats.number(threshold) }
        if let left = why.left { arguments["left"] = money(left) }
        if let cost = why.cost { arguments["cost"] = money(cost) }
        if let held = why.held { arguments["held"] = money(held) }
        if let effective = why.effectiveVotes { arguments["effective"] = number(effective) }
        if let maxPayment = why.maxPayment { arguments["max"] = money(maxPayment) }
        if let stoppedAt = why.stoppedAt { arguments["project"] = title(stoppedAt) }
        return strings.text("reason_" + why.code, arguments)
    }

    private func tie(_ tie: TieWhy) -> String {
        let equal = tie.effectiveVotes.map { strings.text("reason_tie_effective", ["effective": number($0)]) }
            ?? score(tie.score ?? 0, kind: tie.kind)
        let steps = zip(tie.order.dropFirst(), tie.decidedBy).map { id, criterion in
            strings.text("reason_tie_next", ["project": title(id), "criterion": strings.text("reason_tie_" + criterion.replacingOccurrences(of: " ", with: "_"))])
        }
        let order = ([title(tie.order[0])] + steps).joined(separator: strings.text("reason_tie_separator"))
        var arguments = ["equal": equal, "order": order]
        if let round = tie.round { arguments["round"] = formats.number(round) }
        return strings.text(tie.round == nil ? "reason_tie" : "reason_tie_round", arguments)
    }

    private func score(_ score: Int, kind: String?) -> String {
        strings.plural(kind == "points" ? "result_points_count" : "result_votes_count", count: score, formattedCount: formats.number(score))
    }

    private func title(_ id: String) -> String { titles[id] ?? id }
    private func money(_ amount: Int) -> String { formats.money(Double(amount), currency: currency) }
    /// `%.2f` text from the result file, shown in the page's number format.
    private func money(_ text: String) -> String { formats.money(Double(text) ?? 0, currency: currency) }
    private func number(_ text: String) -> String { formats.number(Double(text) ?? 0) }
}
