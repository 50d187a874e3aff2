import Foundation

/// What a translation may do with a front-matter key. A key not named here is a setting: it is read from the
/// default-language file only, so a setting cannot mean one thing in one language and another in the next.
indirect enum TranslationRole {
    /// The file's own, never taken from another language: a translation without it has none.
    case own
    /// Words in the file's language; a translation that leaves one out shows the default language's.
    case text
    /// A list whose entries the translation names by `match` (phases by `id`), each entry with roles of its own.
    case entries(match: String, roles: [String: TranslationRole])

    /// The roles of a page's front matter, whatever its kind: a key has one role wherever it appears.
    static let page: [String: TranslationRole] = {
        let labels: TranslationRole = .entries(match: "id", roles: ["title": .text])
        var roles: [String: TranslationRole] = [:]
        for key in ["title", "description", "summary", "slug", "tags", "author", "draft", "moderation", "moderation_reason", "receipt"] {
            roles[key] = .own
        }
        for key in ["logo_alt", "purpose", "answer", "response", "place", "address", "location", "image_alt"] { roles[key] = .text }
        roles["phases"] = .entries(match: "id", roles: ["title": .text, "description": .text])
        roles["scopes"] = labels
        roles["categories"] = labels
        roles["committees"] = labels
        roles["thresholds"] = .entries(match: "count", roles: ["consequence": .text])
        roles["identity_fields"] = .entries(match: "id", roles: ["label": .text])
        roles["questions"] = .entries(match: "id", roles: ["title": .text, "help": .text, "choices": labels, "rows": labels])
        roles["statements"] = .entries(match: "id", roles: ["text": .text])
        return roles
    }()

    /// The keys a translation writes, for the hint when it writes something else.
    static func translatable(_ roles: [String: TranslationRole]) -> [String] {
        roles.filter { if case .entries = $0.value { return false } else { return true } }.keys.sorted()
    }
}
