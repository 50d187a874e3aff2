import Foundation

/// An opinion conversation (in the manner of Pol.is): a question, statements to agree or disagree with, and a form
/// for participants' own statements, which wait for moderation unless it is off.
public struct ConversationFields: Sendable, Equatable {
    public var opens: Date?
    public var closes: Date?
    /// Whether participants may add statements at all.
    public var acceptsStatements = true
    /// Whether their statements wait for a moderator; when not, exported statements show while still `pending`.
    public var moderated = true
    /// Longest statement a participant may add, in characters.
    public var maxLength = 140
    /// The statements, in this file's language; other languages give the same ids.
    public var statements: [Label] = []

    static let keys = ["opens", "closes", "accepts_statements", "moderated", "max_length", "statements"]

    static func read(_ reader: YAMLReader) -> ConversationFields {
        var fields = ConversationFields()
        fields.opens = reader.date("opens")
        fields.closes = reader.endDate("closes")
        fields.acceptsStatements = reader.bool("accepts_statements") ?? true
        fields.moderated = reader.bool("moderated") ?? true
        fields.maxLength = reader.int("max_length") ?? 140
        if fields.maxLength < 20 || fields.maxLength > 1000 {
            reader.report("max_length", "`max_length` must be between 20 and 1000 characters", hint: "140 is the usual length")
        }
        fields.statements = reader.entries("statements", context: "statement") { entry in
            let id = entry.identifier("id", hint: "a short id such as `s1`")
            let text = entry.requiredString("text", hint: "the statement participants agree or disagree with")
            entry.finish(allowed: ["id", "text"], context: "a statement")
            guard let id, let text else { return nil }
            return Label(id: id, title: text)
        } ?? []
        if fields.statements.isEmpty {
            reader.report("statements", "a conversation needs seed statements", hint: "list a few as `- id: s1` with a `text`")
        }
        var seen: Set<String> = []
        for statement in fields.statements where !seen.insert(statement.id).inserted {
            reader.report("statements", "two statements have the id `\(statement.id)`", hint: "give each statement its own id")
        }
        return fields
    }
}
