import Foundation

/// The page of a space where participants do what a phase allows (the ballot for `vote`, the survey for
/// `answer`), so the space page's "now" list links to it rather than showing a label that looks like a button.
enum ActionPages {
    /// The last part of the ids of the forms that take each action (FormCatalog names them so).
    private static let formSuffixes: [PhaseAction: [String]] = [
        .vote: ["vote"], .support: ["supports"], .propose: ["propose", "file"], .sign: ["sign"],
        .answer: ["answers"], .react: ["opinions"], .comment: ["comment", "statement"],
    ]

    static func page(for action: PhaseAction, in space: ContentKey, env: RenderEnvironment) -> ContentKey? {
        if action == .attend {
            return env.spaces.collections.filter { $0.value == .meetings && env.spaces.space(of: $0.key) == space }.keys.min()
        }
        guard let suffixes = formSuffixes[action] else { return nil }
        let pages = env.forms.formsByPage.filter { page, ids in
            env.spaces.space(of: page) == space && ids.contains { id in suffixes.contains { id.hasSuffix("/" + $0) } }
        }.keys
        // A petition's form is one of many: signing leads to the collection that lists them all.
        return pages.map { action == .sign && !$0.isSection ? $0.parentSection ?? $0 : $0 }.min()
    }
}
