import Foundation
import Model

/// An opinion conversation's page: its statements with agree / disagree / pass, the form for new statements, and,
/// once counted, the opinion map.
enum ConversationContext {
    static func add(to context: inout [String: Any], _ instance: PageInstance, _ conversation: ConversationFields, environment env: RenderEnvironment) {
        let key = instance.key
        let code = instance.language.code
        let strings = env.strings(for: code)
        let formats = env.formats[code]!
        guard let form = env.forms.form(FormCatalog.id(key, "opinions")) else { return }
        context["is_conversation"] = true
        var formContext = SpaceContext.formContext(form, instance: instance, env: env)
        let statements = form.options.enumerated().map { position, option -> [String: Any] in
            var statement: [String: Any] = [
                "id": option.id, "name": "opinion." + option.id, "text": option.title[code] ?? option.title.values.sorted().first ?? option.id,
                "progress": strings?.text("conversation_progress", ["n": formats.number(position + 1), "total": formats.number(form.options.count)]) ?? "",
            ]
            // A participant's statement exists only in the language it was written in; the page says which.
            if option.title[code] == nil, let language = option.title.keys.sorted().first { statement["text_lang"] = language }
            return statement
        }
        formContext["statements"] = statements
        context["form"] = formContext
        if let statementForm = env.forms.form(FormCatalog.id(key, "statement")) {
            var add = SpaceContext.formContext(statementForm, instance: instance, env: env)
            add["max_length"] = conversation.maxLength
            add["label"] = strings?.text("conversation_add_label", ["max": formats.number(conversation.maxLength)]) ?? ""
            add["moderated"] = conversation.moderated
            context["statement_form"] = add
        }
        if let result = env.results[form.id] {
            context["opinion_results"] = results(result, form: form, language: code, env: env)
        }
    }

    static func results(_ result: FormResult, form: FormSpec, language: String, env: RenderEnvironment) -> [String: Any] {
        let strings = env.strings(for: language)
        let formats = env.formats[language]!
        let text = { (id: String) in form.options.first { $0.id == id }.map { $0.title[language] ?? $0.title.values.sorted().first ?? id } ?? id }
        let stance = { (stance: OpinionStance) in strings?.text(stance == .agree ? "opinion_agree" : stance == .disagree ? "opinion_disagree" : "opinion_pass") ?? stance.rawValue }
        let percent = { (value: Double) in formats.number(Int((value * 100).rounded())) + " %" }
        var context: [String: Any] = [
            "counted_at": formats.dateTime(result.countedAt),
            "statements": result.questions.map { counts -> [String: Any] in
                ["text": text(counts.id), "agree": formats.number(counts.counts["agree"] ?? 0),
                 "disagree": formats.number(counts.counts["disagree"] ?? 0), "pass": formats.number(counts.counts["pass"] ?? 0)]
            },
        ]
        if let audit = result.audit { context["audit_url"] = env.site.basePath + audit }
        guard let map = result.opinionMap else { return context }
        context["map"] = [
            "participants": strings?.text("opinion_participants", ["count": formats.number(map.participants), "min": formats.number(map.minimumVotes)]) ?? "",
            "chart": OpinionChart.svg(map.points, groups: map.groups.count),
            "groups": map.groups.map { group -> [String: Any] in
                ["name": OpinionChart.groupName(group.id), "shape": OpinionChart.shapeName(group.id), "group_class": "group-\(group.id % OpinionChart.styles)",
                 "title": strings?.text("opinion_group_name", ["name": OpinionChart.groupName(group.id), "count": formats.number(group.size)]) ?? "",
                 "distinctive": group.distinctive.map { statement -> [String: Any] in
                     ["text": text(statement.statement), "stance": stance(statement.stance), "share": percent(statement.probability)]
                 }]
            },
            "consensus": map.consensus.map { statement -> [String: Any] in
                ["text": text(statement.statement), "stance": stance(statement.stance), "score": percent(statement.score)]
            },
        ] as [String: Any]
        return context
    }
}

/// Participants of an opinion map as an inline SVG scatter plot: each group its own colour and shape, so the groups
/// stay apart without colour. The page gives the same content in words and tables, so the plot is hidden from
/// screen readers.
enum OpinionChart {
    static let styles = 5
    private static let shapes = ["circle", "square", "triangle", "diamond", "cross"]

    static func groupName(_ id: Int) -> String { String(UnicodeScalar(UInt8(65 + id % 26))) }
    static func shapeName(_ id: Int) -> String { shapes[id % styles] }

    static func svg(_ points: [OpinionPoint], groups: Int) -> String {
        let size = 400.0, margin = 16.0
        let xs = points.map(\.x), ys = points.map(\.y)
        let spanX = max((xs.max() ?? 1) - (xs.min() ?? 0), 1e-9), spanY = max((ys.max() ?? 1) - (ys.min() ?? 0), 1e-9)
        let scale = { (value: Double, low: Double, span: Double) in margin + (value - low) / span * (size - 2 * margin) }
        var svg = "<svg class=\"opinion-map\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" width=\"100%\" role=\"img\" aria-hidden=\"true\" focusable=\"false\">"
        svg += "<line x1=\"0\" y1=\"\(Int(size / 2))\" x2=\"\(Int(size))\" y2=\"\(Int(size / 2))\" class=\"axis\"></line>"
        svg += "<line x1=\"\(Int(size / 2))\" y1=\"0\" x2=\"\(Int(size / 2))\" y2=\"\(Int(size))\" class=\"axis\"></line>"
        for point in points {
            let x = scale(point.x, xs.min() ?? 0, spanX), y = size - scale(point.y, ys.min() ?? 0, spanY)
            svg += mark(x: x, y: y, group: point.group)
        }
        return svg + "</svg>"
    }

    private static func mark(x: Double, y: Double, group: Int) -> String {
        let r = 4.0
        let at = { (value: Double) in String(format: "%.1f", value) }
        let style = "class=\"mark group-\(group % styles)\""
        switch group % styles {
        case 0: return "<circle cx=\"\(at(x))\" cy=\"\(at(y))\" r=\"\(at(r))\" \(style)></circle>"
        case 1: return "<rect x=\"\(at(x - r))\" y=\"\(at(y - r))\" width=\"\(at(2 * r))\" height=\"\(at(2 * r))\" \(style)></rect>"
        case 2: return "<polygon points=\"\(at(x)),\(at(y - r)) \(at(x + r)),\(at(y + r)) \(at(x - r)),\(at(y + r))\" \(style)></polygon>"
        case 3: return "<polygon points=\"\(at(x)),\(at(y - r)) \(at(x + r)),\(at(y)) \(at(x)),\(at(y + r)) \(at(x - r)),\(at(y))\" \(style)></polygon>"
        default: return "<path d=\"M\(at(x - r)) \(at(y - r))L\(at(x + r)) \(at(y + r))M\(at(x + r)) \(at(y - r))L\(at(x - r)) \(at(y + r))\" \(style)></path>"
        }
    }
}
