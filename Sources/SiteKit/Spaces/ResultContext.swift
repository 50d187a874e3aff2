import Foundation
import Model

/// Published results as the pages show them: words, an inline SVG chart and the same data as a table.
enum ResultContext {
    static func budget(_ result: FormResult, items: [PageInstance], language: String, env: RenderEnvironment) -> [String: Any] {
        let formats = env.formats[language]!
        let strings = env.strings(for: language)
        let currency = result.budget?.currency ?? "EUR"
        let money = { (amount: Int) in formats.money(Double(amount), currency: currency) }
        let reasons = BudgetReasonText(items: items, language: language, currency: currency, env: env)
        let titles = BudgetReasonText.titles(items)
        let ranked = result.options.sorted { ($0.selected == true ? 1 : 0, $0.votes) > ($1.selected == true ? 1 : 0, $1.votes) }
        let rows: [[String: Any]] = ranked.map { option in
            var row: [String: Any] = ["id": option.id, "title": titles[option.id] ?? option.id, "votes": formats.number(option.votes),
                                      "selected": option.selected ?? false,
                                      "outcome": strings?.text(option.selected == true ? "result_selected" : "result_not_selected") ?? ""]
            if let cost = option.cost { row["cost"] = money(cost) }
            if let reason = reason(option, reasons) { row["reason"] = reason }
            return row
        }
        var context: [String: Any] = [
            "rows": rows,
            "chart": BarChart.svg(ranked.map { (titles[$0.id] ?? $0.id, Double($0.votes), $0.selected == true) },
                                  valueFormat: { formats.number(Int($0)) }),
            "counted_at": formats.dateTime(result.countedAt),
            "participation": strings?.plural("ballots_count", count: result.participation.valid, formattedCount: formats.number(result.participation.valid)) ?? "",
            "rejected": formats.number(result.participation.rejected),
            "rule": result.rule ?? "",
        ]
        if let budget = result.budget {
            context["used"] = strings?.text("result_budget_used", ["used": money(budget.used), "total": money(budget.total)]) ?? ""
        }
        if let eligible = result.participation.eligible, eligible > 0 {
            context["turnout"] = formats.number(Double(result.participation.valid * 1000 / eligible) / 10) + " %"
        }
        if let audit = result.audit { context["audit_url"] = env.site.basePath + audit }
        return context
    }

    /// The option's reason in the page's language; the English text of a result file without `why`.
    static func reason(_ option: OptionResult, _ text: BudgetReasonText?) -> String? {
        guard let why = option.why, let text else { return option.reason }
        return text.sentence(why)
    }

    static func survey(_ result: FormResult, questions: [QuestionSpec], language: String, env: RenderEnvironment) -> [[String: Any]] {
        let formats = env.formats[language]!
        let strings = env.strings(for: language)
        return questions.compactMap { question -> [String: Any]? in
            guard let counts = result.questions.first(where: { $0.id == question.id }) else { return nil }
            let bars = question.choices.map { ($0.title, Double(counts.counts[$0.id] ?? 0), false) }
            return ["title": question.title, "answered": formats.number(counts.answered), "is_free_text": question.choices.isEmpty,
                    "answered_label": strings?.plural("answers_count", count: counts.answered, formattedCount: formats.number(counts.answered)) ?? "",
                    "rows": question.choices.map { ["title": $0.title, "count": formats.number(counts.counts[$0.id] ?? 0)] },
                    "chart": question.choices.isEmpty ? "" : BarChart.svg(bars, valueFormat: { formats.number(Int($0)) })]
        }
    }
}

/// A horizontal bar chart as inline SVG; the page carries the same figures in a table for screen readers,
/// so the chart itself is hidden from them. Each label sits on its own lines above its bar, wrapped rather than cut.
enum BarChart {
    static let width = 600, lineHeight = 18, barHeight = 20, gap = 10
    /// Characters a label line holds at the chart's font size; longer labels wrap at spaces.
    static let lineLength = 60

    static func svg(_ bars: [(label: String, value: Double, highlighted: Bool)], valueFormat: (Double) -> String) -> String {
        let maximum = max(bars.map(\.value).max() ?? 1, 1)
        var body = ""
        var y = 0
        for bar in bars {
            let lines = wrap(valueFormat(bar.value) + " · " + bar.label)
            body += "<text y=\"\(y + lineHeight - 4)\" class=\"bar-label\">"
            for (index, line) in lines.enumerated() {
                body += "<tspan x=\"0\"\(index == 0 ? "" : " dy=\"\(lineHeight)\"")>\(MarkupEscape.escape(line))</tspan>"
            }
            body += "</text>"
            y += lines.count * lineHeight
            let length = Int(Double(width) * bar.value / maximum)
            body += "<rect x=\"0\" y=\"\(y + 2)\" width=\"\(max(length, 1))\" height=\"\(barHeight)\" class=\"\(bar.highlighted ? "bar bar-selected" : "bar")\"></rect>"
            y += barHeight + gap
        }
        let height = max(y, 1)
        return "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-hidden=\"true\" focusable=\"false\">" + body + "</svg>"
    }

    /// `text` in lines of at most `lineLength` characters, broken at spaces; a longer word gets a line of its own.
    static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty, line.count + 1 + word.count > lineLength {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }
}
