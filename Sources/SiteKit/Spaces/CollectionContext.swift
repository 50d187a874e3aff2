import Foundation
import Model

/// Context of a collection's page: proposals with filters, a budget ballot, petitions, meetings.
enum CollectionContext {
    static func add(to context: inout [String: Any], _ instance: PageInstance, _ settings: CollectionSettings, environment env: RenderEnvironment) {
        let code = instance.language.code
        let items = env.site.children(of: instance.key, in: code).filter { !$0.isSection }.compactMap { env.site.instance($0, code) }
        context["component"] = settings.kind.rawValue
        switch settings {
        case .proposals(let proposals):
            context["is_proposals"] = true
            if let purpose = instance.document.meta.collection.flatMap({ if case .proposals(let own) = $0 { own.purpose } else { nil } }) ?? proposals.purpose {
                context["purpose"] = purpose
            }
            let results = env.results[FormCatalog.id(instance.key, "supports")]
            let cards = items.map { proposalCard($0, results: results, env: env) }
            context["proposals"] = cards
            context["has_proposals"] = !cards.isEmpty
            if let audit = results?.audit { context["audit_url"] = env.site.basePath + audit }
            context["proposal_index_json"] = JSONText.encode(cards.map { ["title": $0["title"] as? String ?? "", "url": $0["url"] as? String ?? ""] })
            if let form = env.forms.form(FormCatalog.id(instance.key, "supports")) {
                var supports = SpaceContext.formContext(form, instance: instance, env: env)
                supports["rule"] = supportsRule(proposals.supports!, language: code, env: env)
                supports["limit"] = proposals.supports?.perParticipant ?? 0
                context["supports_form"] = supports
            }
            if let form = env.forms.form(FormCatalog.id(instance.key, "propose")) {
                context["propose_form"] = SpaceContext.formContext(form, instance: instance, env: env)
            }
            ListingVariants.addFilters(to: &context, instance, cards: cards, pageSize: proposals.pageSize, environment: env)
        case .budget(let budget):
            context["is_budget"] = true
            let formats = env.formats[code]!
            let money = { (amount: Int) in formats.money(Double(amount), currency: budget.currency) }
            let result = env.results[FormCatalog.id(instance.key, "vote")]
            let reasons = BudgetReasonText(items: items, language: code, currency: budget.currency, env: env)
            context["projects"] = items.map { project -> [String: Any] in
                var card = PageContext.summary(project, formats: formats)
                card["id"] = project.key.name
                guard case .project(let fields)? = project.document.meta.item else { return card }
                card["cost"] = fields.cost
                card["cost_label"] = money(fields.cost)
                card["category"] = label(fields.category, in: env.spaces.space(of: instance.key), kind: \.categories, language: code, env: env)
                card["scope"] = label(fields.scope, in: env.spaces.space(of: instance.key), kind: \.scopes, language: code, env: env)
                if let image = fields.image {
                    card["image"] = env.site.basePath + (ContentPath.resolve(image, from: project.key.directory) ?? image)
                    card["image_alt"] = fields.imageAlt ?? ""
                }
                if let outcome = result?.options.first(where: { $0.id == project.key.name }) {
                    card["votes"] = formats.number(outcome.votes)
                    card["selected"] = outcome.selected ?? false
                    if let reason = ResultContext.reason(outcome, reasons) { card["reason"] = reason }
                }
                return card
            }
            context["budget"] = [
                "total": budget.total, "total_label": money(budget.total), "currency": budget.currency,
                "is_knapsack": budget.ballot == .knapsack, "is_approval": budget.ballot == .approval, "is_cumulative": budget.ballot == .cumulative,
                "points": budget.points ?? 0, "max_points": budget.maxPointsPerProject ?? budget.points ?? 0,
                "min_projects": budget.minProjects ?? 0, "max_projects": budget.maxProjects ?? 0,
                "min_amount": budget.minShare.map { budget.total * $0 / 100 } ?? 0,
                "rules": BudgetRuleText.sentences(budget, language: code, env: env),
            ]
            if let form = env.forms.form(FormCatalog.id(instance.key, "vote")) {
                context["vote_form"] = SpaceContext.formContext(form, instance: instance, env: env)
            }
            if let result { context["results"] = ResultContext.budget(result, items: items, language: code, env: env) }
        case .petitions:
            context["is_petitions"] = true
            let cards = items.map { petition -> [String: Any] in
                var card = PageContext.summary(petition, formats: env.formats[code]!)
                if case .petition(let fields)? = petition.document.meta.item {
                    card["state"] = fields.state.rawValue
                    card["state_label"] = env.strings(for: code)?.text("petition_state_\(fields.state.rawValue)") ?? fields.state.rawValue
                    card["committee"] = label(fields.committee, in: env.spaces.space(of: instance.key), kind: \.committees, language: code, env: env)
                    if let count = env.results[FormCatalog.id(petition.key, "sign")]?.signatures {
                        card["signatures"] = env.strings(for: code)?.plural("signatures_count", count: count, formattedCount: env.formats[code]!.number(count)) ?? ""
                    }
                }
                return card
            }
            context["petitions"] = cards
            context["by_committee"] = group(cards, by: "committee")
            context["by_state"] = group(cards, by: "state_label")
            if let form = env.forms.form(FormCatalog.id(instance.key, "file")) {
                context["file_form"] = SpaceContext.formContext(form, instance: instance, env: env)
            }
        case .meetings:
            context["is_meetings"] = true
            let cards = items.compactMap { meeting -> (Date, [String: Any])? in
                guard case .meeting(let fields)? = meeting.document.meta.item else { return nil }
                return (fields.start, MeetingContext.card(meeting, fields, env: env))
            }
            context["upcoming"] = cards.filter { $0.0 >= env.now }.sorted { $0.0 < $1.0 }.map(\.1)
            context["past"] = cards.filter { $0.0 < env.now }.sorted { $0.0 > $1.0 }.map(\.1)
            context["has_upcoming"] = cards.contains { $0.0 >= env.now }
            context["has_past"] = cards.contains { $0.0 < env.now }
            context["calendar"] = env.site.basePath + SpaceContext.dataPath(instance.key) + "calendar.ics"
        }
    }

    static func proposalCard(_ proposal: PageInstance, results: FormResult?, env: RenderEnvironment) -> [String: Any] {
        let code = proposal.language.code
        var card = PageContext.summary(proposal, formats: env.formats[code]!)
        card["id"] = proposal.key.name
        if let author = proposal.document.meta.author { card["author"] = author }
        // Before a count is published the number is unknown, not zero: the card shows none.
        let supports = results.map { counted in counted.options.first { $0.id == proposal.key.name }?.votes ?? 0 }
        card["supports"] = supports ?? 0
        if let supports {
            card["supports_label"] = env.strings(for: code)?.plural("supports_count", count: supports, formattedCount: env.formats[code]!.number(supports)) ?? ""
        }
        card["random"] = Int(ContentHash.fnv1a(Data((proposal.key.description + "/seed").utf8)) % 1_000_000)
        card["date_sort"] = proposal.document.meta.date.map { Int($0.timeIntervalSince1970) } ?? 0
        guard case .proposal(let fields)? = proposal.document.meta.item else { return card }
        let space = env.spaces.space(of: proposal.key)
        card["category_id"] = fields.category ?? ""
        card["scope_id"] = fields.scope ?? ""
        card["state"] = fields.state.rawValue
        // Mustache shows a section for any string, even empty: absent values must be absent keys.
        card["category"] = label(fields.category, in: space, kind: \.categories, language: code, env: env)
        card["scope"] = label(fields.scope, in: space, kind: \.scopes, language: code, env: env)
        card["state_label"] = env.strings(for: code)?.text("proposal_state_\(fields.state.rawValue)") ?? fields.state.rawValue
        if let answer = fields.answer { card["answer"] = answer }
        return card
    }

    /// The title of a category, scope or committee id in `language`, from the space's file in that language.
    static func label<T>(_ id: String?, in space: ContentKey?, kind: KeyPath<SpaceSettings, [T]>, language: String, env: RenderEnvironment) -> String? {
        guard let id, let space else { return nil }
        let settings = env.site.instance(space, language)?.document.meta.space ?? env.spaces.spaces[space]
        for entry in settings?[keyPath: kind] ?? [] {
            if let label = entry as? Label, label.id == id { return label.title }
            if let scope = entry as? Scope, scope.id == id { return scope.title }
        }
        return id
    }

    static func supportsRule(_ supports: SupportSettings, language: String, env: RenderEnvironment) -> String {
        guard let strings = env.strings(for: language), let formats = env.formats[language] else { return "" }
        var sentences: [String] = []
        if let limit = supports.perParticipant {
            sentences.append(strings.plural("supports_limit", count: limit, formattedCount: formats.number(limit)))
        }
        if let minimum = supports.minPerParticipant {
            sentences.append(strings.plural("supports_minimum", count: minimum, formattedCount: formats.number(minimum)))
        }
        if let threshold = supports.threshold {
            sentences.append(strings.plural("supports_threshold", count: threshold, formattedCount: formats.number(threshold)))
        }
        return sentences.joined(separator: " ")
    }

    /// Cards grouped by a field, in first-seen order; cards without it form a group with no `name`.
    static func group(_ cards: [[String: Any]], by field: String) -> [[String: Any]] {
        var order: [String?] = []
        var groups: [String?: [[String: Any]]] = [:]
        for card in cards {
            let name = card[field] as? String
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(card)
        }
        return order.map { name in
            var group: [String: Any] = ["items": groups[name]!]
            group["name"] = name
            return group
        }
    }
}

/// JSON for a `<script type="application/json">` block: `<` escaped so no text can close the element.
enum JSONText {
    static func encode(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "null" }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
