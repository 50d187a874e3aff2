import Model

/// One UI string: plain text, or one text per CLDR plural category.
enum UIString: Sendable {
    case text(String)
    case plural([PluralCategory: String])
}

/// The UI strings of one language after fallback, ready for templates and for plural lookups.
struct LanguageStrings: Sendable {
    let language: String
    let values: [String: UIString]
    let rules: PluralRules?

    /// Text strings as templates read them: `{{t.skip_link}}`; plural strings show their `other` form.
    var templateDictionary: [String: Any] {
        var dictionary: [String: Any] = [:]
        for (key, value) in values {
            switch value {
            case .text(let text): dictionary[key] = text
            case .plural(let forms): dictionary[key] = forms[.other] ?? ""
            }
        }
        return dictionary
    }

    /// `key` with `{placeholders}` filled in.
    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard case .text(let text)? = values[key] else { return key }
        return Placeholders.fill(text, arguments)
    }

    /// The plural form of `key` for `count`, with `{count}` replaced by `formattedCount`.
    func plural(_ key: String, count: Int, formattedCount: String, _ arguments: [String: String] = [:]) -> String {
        var all = arguments
        all["count"] = formattedCount
        switch values[key] {
        case .text(let text)?:
            return Placeholders.fill(text, all)
        case .plural(let forms)?:
            let category = rules?.category(for: count) ?? .other
            return Placeholders.fill(forms[category] ?? forms[.other] ?? "", all)
        case nil:
            return key
        }
    }
}

/// `{name}` substitution in UI strings.
enum Placeholders {
    static func fill(_ text: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, text.contains("{") else { return text }
        var result = text
        for (name, value) in arguments {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }
}
