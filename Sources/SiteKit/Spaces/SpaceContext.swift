import Foundation
import Model

/// The template context of participatory pages: spaces with their calendar, and each component.
enum SpaceContext {
    static func add(to context: inout [String: Any], _ instance: PageInstance, environment env: RenderEnvironment) {
        let key = instance.key
        let code = instance.language.code
        if let spaceKey = env.spaces.space(of: key), let space = env.spaces.spaces[spaceKey] {
            context["space"] = spaceSummary(spaceKey, space, language: code, env: env)
        }
        if let guide = MultiBudgetGuide.context(for: key, language: code, environment: env) {
            context["budgets_guide"] = guide
        }
        if env.spaces.isGroup(key, site: env.site) {
            context["is_group"] = true
            context["spaces"] = env.site.children(of: key, in: code).compactMap { child -> [String: Any]? in
                guard let space = env.spaces.spaces[child], let member = env.site.instance(child, code) else { return nil }
                var item = PageContext.summary(member, formats: env.formats[code]!)
                item["space"] = spaceSummary(child, space, language: code, env: env)
                return item
            }
        }
        if let collection = env.spaces.collections[key] {
            CollectionContext.add(to: &context, instance, collection, environment: env)
        }
        if let collectionKey = env.spaces.collection(of: key), let collection = env.spaces.collections[collectionKey] {
            ItemContext.add(to: &context, instance, in: collectionKey, collection, environment: env)
        }
        if let survey = instance.document.meta.survey {
            SurveyContext.add(to: &context, instance, survey, environment: env)
        }
        if let report = instance.document.meta.report {
            ReportContext.add(to: &context, instance, name: report, environment: env)
        }
        if let conversation = instance.document.meta.conversation {
            ConversationContext.add(to: &context, instance, env.site.instance(key, env.site.config.defaultLanguage.code)?.document.meta.conversation ?? conversation,
                                    environment: env)
        }
        if instance.document.meta.debate != nil, let form = env.forms.form(FormCatalog.id(key, "comment")) {
            context["form"] = formContext(form, instance: instance, env: env)
            let formats = env.formats[instance.language.code]!
            context["comments"] = (env.contributions[form.id] ?? []).filter { $0.moderation == .accepted }.map { comment -> [String: Any] in
                var item: [String: Any] = ["date": comment.date.map(formats.date) ?? "", "date_iso": comment.date.map(Formats.iso) ?? "", "text": comment.text]
                if let author = comment.author, !author.isEmpty { item["author"] = author }
                if comment.language != instance.language.code { item["lang"] = comment.language }
                return item
            }
            context["has_comments"] = !((context["comments"] as? [Any])?.isEmpty ?? true)
        }
    }

    /// A space's kind, calendar and what participants can do now.
    static func spaceSummary(_ key: ContentKey, _ space: SpaceSettings, language: String, env: RenderEnvironment) -> [String: Any] {
        let formats = env.formats[language]!
        let strings = env.strings(for: language)
        let translated = env.site.instance(key, language)?.document.meta.space
        let now = env.now
        let phases: [[String: Any]] = space.phases.map { phase in
            let text = translated?.phases.first { $0.id == phase.id }
            var item: [String: Any] = [
                "id": phase.id, "title": text?.title ?? phase.title,
                "start": formats.dateTime(phase.start), "start_iso": Formats.iso(phase.start),
                "end": formats.until(phase.end), "end_iso": Formats.iso(phase.end),
                "current": phase.isCurrent(at: now), "past": phase.end <= now, "upcoming": phase.start > now,
                "actions": phase.actions.map { action -> [String: Any] in
                    var item: [String: Any] = ["label": strings?.text("action_\(action.rawValue)") ?? action.rawValue]
                    if let page = ActionPages.page(for: action, in: key, env: env), page != key, let url = env.site.url(of: page, in: language) { item["url"] = url }
                    return item
                },
            ]
            if let description = text?.description ?? phase.description { item["description"] = description }
            if phase.isCurrent(at: now) { item["status"] = strings?.text("phase_current") ?? "" }
            else if phase.end <= now { item["status"] = strings?.text("phase_past") ?? "" }
            else { item["status"] = strings?.text("phase_upcoming") ?? "" }
            return item
        }
        var summary: [String: Any] = [
            "kind": space.kind.rawValue,
            "kind_label": strings?.text("space_\(space.kind.rawValue)") ?? space.kind.rawValue,
            "phases": phases,
            "has_phases": !phases.isEmpty,
            "url": env.site.url(of: key, in: language) ?? "",
            "title": env.site.instance(key, language)?.document.meta.title ?? "",
        ]
        if let current = phases.first(where: { $0["current"] as? Bool == true }) {
            summary["current_phase"] = current
        } else if let next = phases.first(where: { $0["upcoming"] as? Bool == true }) {
            summary["next_phase"] = next
        } else if !phases.isEmpty {
            summary["finished"] = true
        }
        summary["data_json"] = env.site.basePath + language + "/" + dataPath(key) + "data.json"
        summary["data_csv"] = env.site.basePath + language + "/" + dataPath(key) + "data.csv"
        summary["calendar"] = env.site.basePath + dataPath(key) + "calendar.ics"
        return summary
    }

    /// Folder of a space's open-data files inside the output, beside its pages.
    static func dataPath(_ key: ContentKey) -> String { "data/" + (key.directory.isEmpty ? "" : key.directory + "/") }

    /// What a form's HTML needs: where it posts, whether it is open, and its window in words.
    static func formContext(_ form: FormSpec, instance: PageInstance, env: RenderEnvironment) -> [String: Any] {
        let code = instance.language.code
        let formats = env.formats[code]!
        let strings = env.strings(for: code)
        let collector = env.site.config.collectorURL ?? env.site.basePath
        var context: [String: Any] = [
            "id": form.id,
            "action": (collector.hasSuffix("/") ? collector : collector + "/") + "v1/forms/" + form.id,
            "needs_code": form.eligibility == .roll,
            "needs_credential": form.eligibility == .credential,
            "asks_identity": !form.identityFields.isEmpty,
            "roll": form.roll ?? "",
            "return": PageContext.absolute(instance.url, site: env.site),
            "lang": code,
        ]
        if form.eligibility == .credential || form.attestsFilers, let roll = form.roll, let issuer = env.site.config.issuer(ofRoll: roll) {
            context["issuer_url"] = issuer.url
            context["issuer_key"] = issuer.key
            context["issuer_codes"] = form.eligibility == .credential && issuer.codes
        }
        let open = form.isOpen(at: env.now)
        context["is_open"] = open
        if let opens = form.opens, env.now < opens {
            context["status"] = strings?.text("form_opens", ["date": formats.dateTime(opens)]) ?? ""
        } else if let closes = form.closes, env.now >= closes {
            context["status"] = strings?.text("form_closed", ["date": formats.until(closes)]) ?? ""
        } else if let closes = form.closes {
            context["status"] = strings?.text("form_open_until", ["date": formats.until(closes)]) ?? ""
        }
        if env.heldResults.contains(form.id), let closes = form.closes {
            context["results_held"] = strings?.text("results_held", ["date": formats.until(closes)]) ?? ""
        }
        if !form.identityFields.isEmpty {
            context["identity_fields"] = form.identityFields.map { field -> [String: Any] in
                ["id": field.id, "name": "identity." + field.id, "label": field.label[code] ?? field.label.values.first ?? field.id,
                 "required": field.required, "is_checkbox": field.kind == .checkbox, "is_attested": field.kind == .attestedName,
                 "input_type": field.kind == .email ? "email" : "text",
                 "autocomplete": field.kind == .email ? "email" : field.id == "name" ? "name" : field.kind == .postcode ? "postal-code" : "off"]
            }
        }
        return context
    }
}
