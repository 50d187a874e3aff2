import Foundation

/// Guides a participant through the budgets of a group that lets them vote in several: the rule in words,
/// and every budget of the group with a link to its ballot, the current one marked.
enum MultiBudgetGuide {
    static func context(for key: ContentKey, language: String, environment env: RenderEnvironment) -> [String: Any]? {
        guard let (group, rule) = groupRule(of: key, env: env) else { return nil }
        let strings = env.strings(for: language)
        let current = env.spaces.space(of: key)
        let ballots: [[String: Any]] = env.site.children(of: group, in: language).compactMap { spaceKey in
            guard env.spaces.spaces[spaceKey] != nil else { return nil }
            guard let budget = env.spaces.collections.first(where: { $0.value.kind == .budget && env.spaces.space(of: $0.key) == spaceKey })?.key,
                  let form = env.forms.form(FormCatalog.id(budget, "vote")) else { return nil }
            return ["title": env.site.instance(spaceKey, language)?.document.meta.title ?? spaceKey.directory,
                    "url": env.site.url(of: budget, in: language) ?? "", "current": spaceKey == current, "open": form.isOpen(at: env.now)]
        }
        guard ballots.count > 1 else { return nil }
        return ["rule": strings?.text("vote_in_\(rule.rawValue.replacingOccurrences(of: "-", with: "_"))") ?? "", "ballots": ballots]
    }

    /// The nearest group above `key` (or `key` itself) that says how many of its budgets one may vote in.
    private static func groupRule(of key: ContentKey, env: RenderEnvironment) -> (ContentKey, VoteIn)? {
        var current: ContentKey? = key.isSection ? key : key.parentSection
        while let section = current {
            if let rule = env.site.instance(section, env.site.config.defaultLanguage.code)?.document.meta.voteIn { return (section, rule) }
            current = section.parentSection
        }
        return nil
    }
}
