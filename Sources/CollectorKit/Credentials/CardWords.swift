import Model

/// The words printed on voting-code cards, in one language of the site (its `card_*` strings).
public struct CardWords: Sendable {
    public let language: String
    let direction: TextDirection
    let title: String
    let voteAt: String
    let label: String
    let how: String
    let roll: String
    /// Before the deadline: "Vote until" 20 December 2026.
    let until: String

    static let keys = ["card_title", "card_vote_at", "card_label", "card_how", "card_roll", "card_until"]

    /// The words of `language` (a site language, or a region of one such as `fr-CA`), or nil when the site does not have it.
    public init?(_ messages: Messages, language: String) {
        guard let code = messages.catalog.language(matching: language) else { return nil }
        self.language = code
        direction = messages.direction(code)
        title = messages.word("card_title", language: code)
        voteAt = messages.word("card_vote_at", language: code)
        label = messages.word("card_label", language: code)
        how = messages.word("card_how", language: code)
        roll = messages.word("card_roll", language: code)
        until = messages.word("card_until", language: code)
    }
}
