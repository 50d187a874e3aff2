import Model

/// The collector's words for participants, read from the site's `collector.json`: refusal messages, the no-JS
/// answer page and the code cards, in every language the site has.
public struct Messages: Sendable {
    public let catalog: CollectorCatalog

    /// The keys the collector reads in every language: `load` refuses a catalog that lacks one.
    static let requiredKeys = PageText.allCases.map(\.rawValue) + RefusalCode.allCases.map { refusalKey($0) } + CardWords.keys

    /// - Throws: the languages and keys missing, when a language of `catalog` lacks one of `requiredKeys`.
    public init(catalog: CollectorCatalog) throws(MessagesError) {
        var missing: [String] = []
        for (code, language) in catalog.languages.sorted(by: { $0.key < $1.key }) {
            let lacking = Self.requiredKeys.filter { language.strings[$0] == nil }
            if !lacking.isEmpty { missing.append("`\(code)` lacks \(lacking.prefix(4).joined(separator: ", "))\(lacking.count > 4 ? " and \(lacking.count - 4) more" : "")") }
            for slot in [CollectorLanguage.titleSlot, CollectorLanguage.mainSlot] where language.page.components(separatedBy: slot).count != 2 {
                missing.append("the answer page of `\(code)` does not hold \(slot) once")
            }
        }
        if catalog.languages[catalog.defaultLanguage] == nil { missing.append("the default language `\(catalog.defaultLanguage)` has no words") }
        guard missing.isEmpty else { throw .incomplete(missing) }
        self.catalog = catalog
    }

    public func message(_ code: RefusalCode, language: String) -> String {
        word(Self.refusalKey(code), language: language)
    }

    public func text(_ key: PageText, language: String) -> String {
        word(key.rawValue, language: language)
    }

    /// The answer page of `language` (the default language's when the site does not have it), its slots empty.
    func page(_ language: String) -> String {
        catalog.words(language)?.page ?? catalog.languages[catalog.defaultLanguage]?.page ?? ""
    }

    /// Writing direction of `language` (the default language's when the site does not have it).
    public func direction(_ language: String) -> TextDirection {
        catalog.words(language)?.direction ?? .ltr
    }

    /// The words of the no-JS answer page.
    public enum PageText: String, CaseIterable {
        case storedTitle = "collector_stored", receiptLabel = "collector_receipt", refusedTitle = "collector_refused",
             back = "collector_back", fieldLabel = "collector_field", keepReceipt = "collector_keep", replaces = "collector_replaces"
    }

    /// The first of `preferred` (language tags, best first) that the form is written in (the site's languages when
    /// there is no form), else the site's default.
    public func language(preferred: [String], form: FormSpec?) -> String {
        for tag in preferred {
            let primary = tag.split(separator: "-").first.map { String($0).lowercased() } ?? ""
            if let form {
                if form.title[tag] != nil { return tag }
                if form.title[primary] != nil { return primary }
            } else if let known = catalog.language(matching: tag) {
                return known
            }
        }
        return catalog.defaultLanguage
    }

    func word(_ key: String, language: String) -> String {
        catalog.words(language)?.strings[key] ?? catalog.languages[catalog.defaultLanguage]?.strings[key] ?? key
    }

    private static func refusalKey(_ code: RefusalCode) -> String { "refusal_" + code.rawValue }
}

/// Why a `collector.json` cannot be used.
public enum MessagesError: Error, Equatable, CustomStringConvertible {
    case incomplete([String])

    public var description: String {
        switch self {
        case .incomplete(let missing):
            "the collector's words are incomplete: \(missing.joined(separator: "; ")); rebuild the site with this version's sitegen (it writes every key of the theme), or add them to content/i18n/"
        }
    }
}
