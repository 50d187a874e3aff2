/// Writing direction of a language, as HTML's `dir` attribute spells it.
public enum TextDirection: String, Sendable, Codable {
    case ltr, rtl
}

/// A language the site is published in.
public struct Language: Hashable, Sendable, Codable {
    /// BCP 47 tag, e.g. `fr`, `pt-BR`, `ar`.
    public let code: String
    /// The language's own name for itself, shown in the language switcher.
    public let name: String
    public let direction: TextDirection

    public init(code: String, name: String, direction: TextDirection) {
        self.code = code
        self.name = name
        self.direction = direction
    }

    /// Tags to try for UI strings and formats, most specific first: `pt-BR` then `pt`.
    public var fallbackChain: [String] {
        var chain = [code]
        var parts = code.split(separator: "-")
        while parts.count > 1 {
            parts.removeLast()
            chain.append(parts.joined(separator: "-"))
        }
        return chain
    }

    /// Whether `tag` is shaped like a BCP 47 language tag (`en`, `fr-CA`, `zh-Hant`), used to tell a
    /// language suffix in a file name from an ordinary dotted name.
    public static func looksLikeTag(_ tag: Substring) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// Languages written right to left by default, so a site can omit `direction` for them.
    public static let rightToLeftCodes: Set<String> = ["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ckb", "ug"]
}
