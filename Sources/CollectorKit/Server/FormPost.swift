import Foundation
import Model

/// A no-JS form post read into ballot items, identity fields and the page's own fields (field names: docs/BALLOT.md).
struct FormPost {
    var items: [BallotItem] = []
    var identity: [String: String] = [:]
    var code: String?
    var language: String?
    var returnURL: String?

    static func read(_ fields: [(name: String, value: String)], form: FormSpec) -> Result<FormPost, Refusal> {
        var post = FormPost()
        for (name, value) in fields {
            if let refusal = post.add(name: name, value: value, form: form) { return .failure(refusal) }
        }
        return .success(post)
    }

    private mutating func add(name: String, value: String, form: FormSpec) -> Refusal? {
        switch name {
        case "choice":
            if !value.isEmpty { items.append(BallotItem(value)) }
        case "code":
            return setOnce(&code, value, field: name)
        case "lang":
            return setOnce(&language, value, field: name)
        case "return":
            return setOnce(&returnURL, value, field: name)
        case "language":
            if !value.isEmpty { items.append(BallotItem(name, value)) }
        case "title", "text", "author":
            let text = Self.normalizeNewlines(value)
            if !text.allSatisfy(\.isWhitespace) { items.append(BallotItem(name, text)) }
        default:
            return addPrefixed(name: name, value: value, form: form)
        }
        return nil
    }

    private mutating func addPrefixed(name: String, value: String, form: FormSpec) -> Refusal? {
        if let option = name.dropPrefix("points.") {
            let points = value.trimmingSpaces
            if !points.isEmpty && points != "0" { items.append(BallotItem(option, points)) }
        } else if let statement = name.dropPrefix("opinion.") {
            if !value.isEmpty { items.append(BallotItem(statement, value)) }
        } else if let field = name.dropPrefix("identity.") {
            guard identity[field] == nil else { return Refusal(.invalidFormData, field: "identity." + field) }
            identity[field] = value
        } else if let rest = name.dropPrefix("q.") {
            return addAnswer(rest, value: value, form: form)
        } else {
            // The unknown name is the sender's text: it is not echoed.
            return Refusal(.unknownField)
        }
        return nil
    }

    private mutating func addAnswer(_ rest: String, value: String, form: FormSpec) -> Refusal? {
        if let question = form.questions.first(where: { $0.id == rest }) {
            let answer = question.kind == .shortText || question.kind == .longText ? Self.normalizeNewlines(value) : value
            if !answer.allSatisfy(\.isWhitespace) { items.append(BallotItem(question.id, answer)) }
            return nil
        }
        guard let question = form.questions.first(where: { ($0.kind == .matrix || $0.kind == .ranking) && rest.hasPrefix($0.id + ".") }) else {
            return Refusal(.invalidChoice, field: "q")
        }
        let sub = String(rest.dropFirst(question.id.count + 1))
        guard !value.isEmpty else { return nil }
        // Matrix: q.<qid>.<row>=<column>; ranking: q.<qid>.<choiceId>=<rank>.
        items.append(question.kind == .matrix ? BallotItem(question.id, sub, value) : BallotItem(question.id, value.trimmingSpaces, sub))
        return nil
    }

    private func setOnce(_ slot: inout String?, _ value: String, field: String) -> Refusal? {
        guard slot == nil else { return Refusal(.invalidFormData, field: field) }
        slot = value
        return nil
    }

    /// Browsers post textareas with CRLF; scripts read them with LF. Ballots carry LF so both paths sign the same text.
    static func normalizeNewlines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

private extension String {
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) && count > prefix.count ? String(dropFirst(prefix.count)) : nil
    }

    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
