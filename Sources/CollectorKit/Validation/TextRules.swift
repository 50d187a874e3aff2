import Model

/// Free-text submissions: proposals, comments, petition filings (`title:`, `text:`, `author:`).
enum TextRules {
    /// `language` is the page's language: the moderation export writes the contribution as a file in it.
    static let fields: Set<String> = ["title", "text", "author", "language"]

    static func check(_ items: [BallotItem], form: FormSpec, required: Set<String>) -> Refusal? {
        var seen = Set<String>()
        for item in items {
            guard item.parts.count == 2, fields.contains(item.parts[0]) else { return Refusal(.invalidChoice, field: "text") }
            let field = item.parts[0]
            guard seen.insert(field).inserted else { return Refusal(.conflictingChoices, field: field) }
            if field == "language" {
                guard form.title.isEmpty || form.title[item.parts[1]] != nil else { return Refusal(.invalidChoice, field: field) }
                continue
            }
            if let limit = form.constraints.maxTextLength, Self.length(item.parts[1]) > limit { return Refusal(.textTooLong, field: field) }
            if item.parts[1].unicodeScalars.allSatisfy(\.properties.isWhitespace) { return Refusal(.missingAnswer, field: field) }
        }
        if let missing = required.sorted().first(where: { !seen.contains($0) }) { return Refusal(.missingAnswer, field: missing) }
        return nil
    }

    /// A text's length against `max_text_length`/`max_length`: Unicode code points, which any language counts alike
    /// (grapheme clusters change with the Unicode version) and never more than the browser's `maxlength`, which counts
    /// UTF-16 code units.
    static func length(_ text: String) -> Int { text.unicodeScalars.count }
}
