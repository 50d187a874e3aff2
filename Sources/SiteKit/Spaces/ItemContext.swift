import Foundation
import Model

/// Context of an item's own page: a proposal with its answer, a project, a petition with its form and
/// thresholds, a meeting.
enum ItemContext {
    static func add(to context: inout [String: Any], _ instance: PageInstance, in collection: ContentKey, _ settings: CollectionSettings, environment env: RenderEnvironment) {
        let code = instance.language.code
        let formats = env.formats[code]!
        let strings = env.strings(for: code)
        context["collection_url"] = env.site.url(of: collection, in: code) ?? ""
        switch instance.document.meta.item {
        case .proposal(let fields)?:
            let supports = env.results[FormCatalog.id(collection, "supports")]
            var proposal = CollectionContext.proposalCard(instance, results: supports, env: env)
            if let audit = supports?.audit { context["audit_url"] = env.site.basePath + audit }
            if let date = fields.answerDate { proposal["answer_date"] = formats.date(date) }
            if let cost = fields.cost { proposal["cost"] = formats.number(cost) }
            context["proposal"] = proposal
            context["is_proposal"] = true
        case .project(let fields)?:
            guard case .budget(let budget) = settings else { return }
            context["is_project"] = true
            var project: [String: Any] = ["cost_label": formats.money(Double(fields.cost), currency: budget.currency), "image_alt": fields.imageAlt ?? ""]
            project["location"] = fields.location
            project["image"] = fields.image.map { env.site.basePath + (ContentPath.resolve($0, from: instance.key.directory) ?? $0) }
            context["project"] = project
        case .petition(let fields)?:
            context["is_petition"] = true
            let formID = FormCatalog.id(instance.key, "sign")
            let result = env.results[formID]
            // No published count is an unknown number, not zero: the page shows none, and the script shows the
            // collector's running count when it can reach it.
            let known = result?.signatures
            let count = known ?? 0
            var petition: [String: Any] = [
                "state": fields.state.rawValue,
                "state_label": strings?.text("petition_state_\(fields.state.rawValue)") ?? "",
                "count": count,
                "count_known": known != nil,
                "count_label": strings?.plural("signatures_count", count: count, formattedCount: formats.number(count)) ?? "",
                "counts_url": (env.site.config.collectorURL ?? "/").appending(env.site.config.collectorURL?.hasSuffix("/") == false ? "/" : "") + "v1/counts/" + formID,
            ]
            petition["committee"] = CollectionContext.label(fields.committee, in: env.spaces.space(of: instance.key), kind: \.committees, language: code, env: env)
            if let response = fields.response { petition["response"] = response }
            if let audit = result?.audit { petition["audit_url"] = env.site.basePath + audit }
            if let form = env.forms.form(formID) {
                petition["thresholds"] = form.thresholds.map { threshold -> [String: Any] in
                    let reached = result?.thresholds.first { $0.count == threshold.count }?.reachedAt
                    var item: [String: Any] = [
                        "count": threshold.count,
                        "count_label": formats.number(threshold.count),
                        "consequence": threshold.consequence[code] ?? threshold.consequence.values.first ?? "",
                        "percent": min(100, count * 100 / max(threshold.count, 1)),
                        "count_known": known != nil,
                        "reached": reached != nil || count >= threshold.count,
                    ]
                    if let reached { item["reached_on"] = strings?.text("threshold_reached_on", ["date": formats.date(reached)]) ?? "" }
                    return item
                }
                context["form"] = SpaceContext.formContext(form, instance: instance, env: env)
            }
            context["petition"] = petition
        case .meeting(let fields)?:
            context["is_meeting"] = true
            context["meeting"] = MeetingContext.card(instance, fields, env: env)
        case nil:
            break
        }
    }
}

/// A meeting's date in its own time zone, its place and its calendar file.
enum MeetingContext {
    static func card(_ meeting: PageInstance, _ fields: MeetingFields, env: RenderEnvironment) -> [String: Any] {
        let code = meeting.language.code
        let zone = fields.timeZone ?? env.site.config.timeZone
        let formats = Formats(language: code, timeZone: zone)
        var card = PageContext.summary(meeting, formats: formats)
        card["start"] = formats.dateTime(fields.start)
        card["start_iso"] = Formats.iso(fields.start)
        if let end = fields.end { card["end"] = formats.until(end); card["end_iso"] = Formats.iso(end) }
        card["time_zone"] = zone.identifier
        if let place = fields.place { card["place"] = place }
        if let address = fields.address { card["address"] = address }
        if let online = fields.onlineURL { card["online_url"] = online }
        card["ics"] = env.site.basePath + SpaceContext.dataPath(meeting.key) + meeting.key.name + ".ics"
        return card
    }
}

/// A survey's questions as form controls, in the participant's language.
enum SurveyContext {
    static func add(to context: inout [String: Any], _ instance: PageInstance, _ survey: SurveyFields, environment env: RenderEnvironment) {
        context["is_survey"] = true
        let code = instance.language.code
        let strings = env.strings(for: code)
        context["questions"] = survey.questions.map { question -> [String: Any] in
            var item: [String: Any] = [
                "id": question.id, "name": "q." + question.id, "title": question.title, "required": question.required,
                "is_short_text": question.kind == .shortText, "is_long_text": question.kind == .longText,
                "is_single": question.kind == .single, "is_multiple": question.kind == .multiple,
                "is_ranking": question.kind == .ranking, "is_matrix": question.kind == .matrix,
                "max_length": question.maxLength ?? 0,
                "choices": question.choices.enumerated().map { position, choice in
                    ["id": choice.id, "title": choice.title, "input_id": "q-\(question.id)-\(choice.id)", "rank_name": "q.\(question.id).\(choice.id)",
                     "position": position + 1] as [String: Any]
                },
                "rows": question.rows.map { row in
                    ["id": row.id, "title": row.title, "name": "q.\(question.id).\(row.id)",
                     "cells": question.choices.map { ["id": $0.id, "title": $0.title, "input_id": "q-\(question.id)-\(row.id)-\($0.id)"] }] as [String: Any]
                },
                "rank_max": question.choices.count,
            ]
            if let help = question.help { item["help"] = help }
            var hints: [String] = []
            if question.required { hints.append(strings?.text("question_required") ?? "") }
            if question.kind == .multiple {
                if let low = question.min, let high = question.max { hints.append(strings?.text("question_choose_between", ["min": String(low), "max": String(high)]) ?? "") }
                else if let high = question.max { hints.append(strings?.text("question_choose_up_to", ["max": String(high)]) ?? "") }
            }
            // The content's help says the question's rules in the author's words; the automatic hint would repeat them.
            let hint = hints.filter { !$0.isEmpty }.joined(separator: " ")
            if question.help == nil, !hint.isEmpty { item["hint"] = hint }
            if let min = question.min { item["min"] = min }
            if let max = question.max { item["max"] = max }
            return item
        }
        if let form = env.forms.form(FormCatalog.id(instance.key, "answers")) {
            context["form"] = SpaceContext.formContext(form, instance: instance, env: env)
            if let result = env.results[form.id] {
                let questions = env.site.instance(instance.key, code)?.document.meta.survey?.questions ?? survey.questions
                context["survey_results"] = ResultContext.survey(result, questions: questions, language: code, env: env)
                context["survey_participation"] = strings?.plural("answers_count", count: result.participation.valid,
                                                                  formattedCount: env.formats[code]!.number(result.participation.valid)) ?? ""
                if let audit = result.audit { context["audit_url"] = env.site.basePath + audit }
            }
        }
    }
}
