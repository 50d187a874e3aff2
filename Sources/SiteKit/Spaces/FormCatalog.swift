import Foundation
import Model

/// Every form the site shows, as the ballot manifest lists it; pages and `ballots.json` read the same specs,
/// so a form's HTML always carries the id the collector knows.
struct FormCatalog {
    private(set) var forms: [FormSpec] = []
    /// Content key -> ids of the forms shown on that page.
    private(set) var formsByPage: [ContentKey: [String]] = [:]

    static func id(_ key: ContentKey, _ suffix: String) -> String {
        let base = key.isSection ? key.directory : ContentPath.join(key.directory, key.name)
        return base + "/" + suffix
    }

    /// Accepted statements in `contributions` join their conversation's statements, after the seed ones.
    init(site: ResolvedSite, spaces: SpaceIndex, contributions: [String: [Contribution]] = [:]) {
        let languages = site.config.languages.map(\.code)
        func titles(_ key: ContentKey) -> [String: String] {
            var result: [String: String] = [:]
            for code in languages { if let instance = site.instance(key, code) { result[code] = instance.document.meta.title } }
            return result
        }
        func meta(_ key: ContentKey) -> PageMeta? { site.instance(key, site.config.defaultLanguage.code)?.document.meta }
        func window(_ key: ContentKey, _ action: PhaseAction) -> (Date?, Date?) {
            guard let space = spaces.space(of: key), let window = spaces.spaces[space]?.window(for: action) else { return (nil, nil) }
            return (window.start, window.end)
        }
        func add(_ form: FormSpec, on page: ContentKey) {
            var form = form
            if form.eligibility == .credential, let roll = form.roll { form.issuerKey = site.config.issuer(ofRoll: roll)?.key }
            if form.attestsFilers, let roll = form.roll { form.filerKey = site.config.issuer(ofRoll: roll)?.filingKey }
            forms.append(form)
            formsByPage[page, default: []].append(form.id)
        }

        for (key, settings) in spaces.collections.sorted(by: { $0.key < $1.key }) {
            let space = spaces.space(of: key)?.directory ?? key.directory
            let items = spaces.items[key] ?? []
            let options = items.map { item -> FormOption in
                var option = FormOption(id: item.name, title: titles(item))
                if case .project(let project)? = meta(item)?.item {
                    option.cost = project.cost
                    option.category = project.category
                    option.scope = project.scope
                } else if case .proposal(let proposal)? = meta(item)?.item {
                    option.category = proposal.category
                    option.scope = proposal.scope
                }
                return option
            }
            switch settings {
            case .budget(let budget):
                let (opens, closes) = window(key, .vote)
                var constraints = FormConstraints(minChoices: budget.minProjects, maxChoices: budget.maxProjects)
                switch budget.ballot {
                case .knapsack:
                    constraints.budget = budget.total
                    constraints.minBudgetShare = budget.minShare.map { Double($0) / 100 }
                case .approval:
                    break
                case .cumulative:
                    constraints.points = budget.points
                    constraints.maxPointsPerOption = budget.maxPointsPerProject
                }
                add(FormSpec(id: Self.id(key, "vote"), kind: .budget, title: titles(key), space: space, opens: opens, closes: closes,
                             eligibility: budget.eligibility, roll: budget.roll, options: options, constraints: constraints, currency: budget.currency,
                             tally: TallySettings(rule: budget.tally, total: budget.total)), on: key)
            case .proposals(let proposals):
                if let supports = proposals.supports {
                    let (opens, closes) = window(key, .support)
                    let constraints = FormConstraints(supportsPerParticipant: supports.perParticipant, minSupportsPerParticipant: supports.minPerParticipant,
                                                      threshold: supports.threshold, accumulate: supports.accumulate)
                    add(FormSpec(id: Self.id(key, "supports"), kind: .supports, title: titles(key), space: space, opens: opens, closes: closes,
                                 eligibility: .open, options: options, constraints: constraints), on: key)
                }
                if proposals.submissions {
                    let (opens, closes) = window(key, .propose)
                    add(FormSpec(id: Self.id(key, "propose"), kind: .proposal, title: titles(key), space: space, opens: opens, closes: closes,
                                 eligibility: .open, constraints: FormConstraints(maxTextLength: 5000)), on: key)
                }
            case .petitions(let petitions):
                let fields = Self.identityFields(petitions, key: key, site: site)
                let thresholds = petitions.thresholds.enumerated().map { position, threshold in
                    Threshold(count: threshold.count, consequence: Self.translated(key, site: site) { meta in
                        if case .petitions(let settings)? = meta.collection, position < settings.thresholds.count { return settings.thresholds[position].consequence }
                        return nil
                    })
                }
                for item in items {
                    guard case .petition(let petition)? = meta(item)?.item else { continue }
                    let (spaceOpens, spaceCloses) = window(key, .sign)
                    // Signing with a code or a credential asks no one's name: the key is what counts once.
                    add(FormSpec(id: Self.id(item, "sign"), kind: .petition, title: titles(item), space: space,
                                 opens: petition.opens ?? spaceOpens, closes: petition.closes ?? spaceCloses, eligibility: petitions.eligibility,
                                 roll: petitions.roll, identityFields: petitions.eligibility == .open ? fields : [], thresholds: thresholds), on: item)
                }
                if petitions.filing {
                    let (opens, closes) = window(key, .propose)
                    // An attested name is the roll's issuer's word on the filer: the form names that roll.
                    let attested = fields.contains { $0.kind == .attestedName }
                    add(FormSpec(id: Self.id(key, "file"), kind: .proposal, title: titles(key), space: space, opens: opens, closes: closes,
                                 eligibility: .open, roll: attested ? petitions.roll : nil, constraints: FormConstraints(maxTextLength: 5000),
                                 identityFields: fields), on: key)
                }
            case .meetings:
                break
            }
        }
        for instance in site.instances where instance.language == site.config.defaultLanguage {
            let key = instance.key
            let space = spaces.space(of: key)?.directory ?? key.directory
            if let survey = instance.document.meta.survey {
                let (spaceOpens, spaceCloses) = window(key, .answer)
                let questions = survey.questions.enumerated().map { position, question in
                    SurveyQuestion(id: question.id, kind: question.kind, title: Self.translated(key, site: site) { meta in
                        meta.survey.flatMap { position < $0.questions.count ? $0.questions[position].title : nil }
                    }, required: question.required, choices: question.choices.map(\.id), rows: question.rows.map(\.id),
                    minChoices: question.min, maxChoices: question.max, maxLength: question.maxLength)
                }
                add(FormSpec(id: Self.id(key, "answers"), kind: .survey, title: titles(key), space: space, opens: survey.opens ?? spaceOpens,
                             closes: survey.closes ?? spaceCloses, eligibility: survey.eligibility, roll: survey.roll, questions: questions), on: key)
            }
            if let conversation = instance.document.meta.conversation {
                let (spaceOpens, spaceCloses) = window(key, .react)
                let (opens, closes) = (conversation.opens ?? spaceOpens, conversation.closes ?? spaceCloses)
                var statements = conversation.statements.map { statement in
                    FormOption(id: statement.id, title: Self.translated(key, site: site) { meta in
                        meta.conversation?.statements.first { $0.id == statement.id }?.title
                    })
                }
                for added in contributions[Self.id(key, "statement")] ?? [] where added.moderation == .accepted || (!conversation.moderated && added.moderation == .pending) {
                    statements.append(FormOption(id: Self.statementID(added), title: [added.language: added.text]))
                }
                add(FormSpec(id: Self.id(key, "opinions"), kind: .opinion, title: titles(key), space: space, opens: opens, closes: closes,
                             eligibility: .open, options: statements), on: key)
                if conversation.acceptsStatements {
                    add(FormSpec(id: Self.id(key, "statement"), kind: .comment, title: titles(key), space: space, opens: opens, closes: closes,
                                 eligibility: .open, constraints: FormConstraints(maxTextLength: conversation.maxLength)), on: key)
                }
            }
            if let debate = instance.document.meta.debate {
                let (spaceOpens, spaceCloses) = window(key, .comment)
                add(FormSpec(id: Self.id(key, "comment"), kind: .comment, title: titles(key), space: space, opens: debate.opens ?? spaceOpens,
                             closes: debate.closes ?? spaceCloses, eligibility: .open, constraints: FormConstraints(maxTextLength: 2000)), on: key)
            }
        }
        forms.sort { $0.id < $1.id }
    }

    /// A text per language, read from each language's own file of `key` (falling back to the default's).
    static func translated(_ key: ContentKey, site: ResolvedSite, read: (PageMeta) -> String?) -> [String: String] {
        var result: [String: String] = [:]
        for language in site.config.languages {
            if let meta = site.instance(key, language.code)?.document.meta, let text = read(meta) { result[language.code] = text }
        }
        return result
    }

    static func identityFields(_ settings: PetitionsSettings, key: ContentKey, site: ResolvedSite) -> [IdentityField] {
        settings.identityFields.enumerated().map { position, field in
            IdentityField(id: field.id, kind: field.kind, required: field.required, label: translated(key, site: site) { meta in
                if case .petitions(let translated)? = meta.collection, position < translated.identityFields.count { return translated.identityFields[position].label }
                return nil
            })
        }
    }

    func form(_ id: String) -> FormSpec? { forms.first { $0.id == id } }

    /// Form id -> language -> the full address of the page that shows it, for the manifest (printed on code cards);
    /// nil when `base_url` is a path, which gives no address.
    func pages(_ site: ResolvedSite) -> [String: [String: String]]? {
        guard !site.absoluteBase.isEmpty else { return nil }
        var pages: [String: [String: String]] = [:]
        for (page, ids) in formsByPage {
            var addresses: [String: String] = [:]
            for language in site.config.languages {
                if let url = site.url(of: page, in: language.code) { addresses[language.code] = PageContext.absolute(url, site: site) }
            }
            for id in ids { pages[id] = addresses }
        }
        return pages
    }

    /// A participant's statement keeps the id it got from its receipt, so reactions to it survive rebuilds.
    static func statementID(_ contribution: Contribution) -> String { "p-" + contribution.receipt.prefix(12) }
}

extension FormCatalog {
    /// A form voted with credentials of a roll that site.yaml names no issuer for: no page could get a credential and
    /// no ballot could count, so the build stops at the form's page.
    func credentialFormsWithoutIssuer(site: ResolvedSite) -> [Diagnostic] {
        var pageOfForm: [String: ContentKey] = [:]
        for (page, ids) in formsByPage { for id in ids { pageOfForm[id] = page } }
        func file(_ form: FormSpec) -> String {
            pageOfForm[form.id].flatMap { site.instance($0, site.config.defaultLanguage.code)?.document.file } ?? "content/site.yaml"
        }
        let credentials = forms.filter { $0.eligibility == .credential && $0.issuerKey == nil }.map { form in
            Diagnostic(.error, file: file(form),
                       "form `\(form.id)` is voted with credentials of roll `\(form.roll ?? "")`, which site.yaml's `credential_issuers` does not list",
                       hint: "add the roll under `credential_issuers:` with its issuer's `url` and `key` (`collector issuer key` prints it), "
                           + "or vote this form otherwise (`eligibility: open` or `roll`)")
        }
        let filers = forms.filter { $0.attestsFilers && $0.filerKey == nil }.map { form in
            Diagnostic(.error, file: file(form),
                       "form `\(form.id)` asks for a name attested by the issuer of roll `\(form.roll ?? "")`, which has no `filing_key` in site.yaml's `credential_issuers`",
                       hint: "give the roll a `filing_key` (`collector issuer key --out filing.pem` prints it; the issuer runs with `--filing-key filing.pem`), "
                           + "or ask the name with `kind: text`")
        }
        return credentials + filers
    }
}
