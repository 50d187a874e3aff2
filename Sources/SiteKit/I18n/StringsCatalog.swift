import Foundation
import Model
import Yams

/// Loads UI strings from the theme and `content/i18n/`, and resolves each language's fallback:
/// region, then language, then the site's default language, then English.
enum StringsCatalog {
    /// One strings file's contents; a later layer overrides an earlier one key by key.
    struct Layer {
        let language: String
        let file: String
        let values: [String: UIString]
    }

    static func parse(text: String, file: String, language: String, sink: DiagnosticSink) -> Layer {
        var values: [String: UIString] = [:]
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            YAMLErrors.report(error, file: file, lineOffset: 0, sink: sink)
            return Layer(language: language, file: file, values: [:])
        }
        guard let root, case .mapping(let mapping) = root else {
            return Layer(language: language, file: file, values: [:])
        }
        let rules = PluralRules(languageTag: language)
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            let line = keyNode.mark?.line ?? 1
            switch valueNode {
            case .scalar(let scalar):
                values[key] = .text(scalar.string)
            case .mapping(let forms):
                var plural: [PluralCategory: String] = [:]
                for (formKey, formValue) in forms {
                    guard let name = formKey.string, let category = PluralCategory(rawValue: name), let text = formValue.string else {
                        sink.error(file, line: formKey.mark?.line ?? line, "`\(formKey.string ?? "?")` in `\(key)` is not a plural category",
                                   hint: "use zero, one, two, few, many, other")
                        continue
                    }
                    plural[category] = text
                }
                if plural[.other] == nil {
                    sink.error(file, line: line, "plural string `\(key)` has no `other` form", hint: "add `other:`, used for every count no other form covers")
                }
                if let rules {
                    let missing = rules.categories.filter { plural[$0] == nil && $0 != .other }
                    if !missing.isEmpty {
                        sink.warning(file, line: line, "plural string `\(key)` lacks \(missing.map(\.rawValue).joined(separator: ", ")) for `\(language)`",
                                     hint: "this language's plural rules use \(rules.categories.map(\.rawValue).joined(separator: ", "))")
                    }
                }
                values[key] = .plural(plural)
            default:
                sink.error(file, line: line, "`\(key)` must be text or a mapping of plural forms", hint: "write `\(key): text` or `one:`/`other:` lines under it")
            }
        }
        return Layer(language: language, file: file, values: values)
    }

    /// Resolves the strings of every site language. A key missing in a language and found only in another
    /// language is a warning (an error under `--strict`, which the caller applies); region to language is silent,
    /// since `fr-CA` reading `fr` is the intended fallback.
    static func resolve(layers: [Layer], site: SiteConfig, sink: DiagnosticSink) -> [String: LanguageStrings] {
        var merged: [String: [String: UIString]] = [:]
        var files: [String: String] = [:]
        for layer in layers {
            merged[layer.language, default: [:]].merge(layer.values) { _, new in new }
            files[layer.language] = layer.file
        }
        let referenceChain = site.defaultLanguage.fallbackChain + ["en"]
        var referenceKeys: Set<String> = []
        for code in referenceChain { referenceKeys.formUnion(merged[code]?.keys ?? [:].keys) }
        var result: [String: LanguageStrings] = [:]
        for language in site.languages {
            let own = language.fallbackChain
            var values: [String: UIString] = [:]
            var borrowed: [String] = []
            for key in referenceKeys.sorted() {
                if let value = own.lazy.compactMap({ merged[$0]?[key] }).first {
                    values[key] = value
                } else if let value = referenceChain.lazy.compactMap({ merged[$0]?[key] }).first {
                    values[key] = value
                    borrowed.append(key)
                }
            }
            if !borrowed.isEmpty {
                let file = own.lazy.compactMap { files[$0] }.first ?? "i18n/\(language.code).yaml"
                let fallback = referenceChain.first { merged[$0] != nil } ?? site.defaultLanguage.code
                sink.warning(file, "\(borrowed.count) UI string(s) missing for `\(language.code)`, shown in `\(fallback)`: \(borrowed.prefix(8).joined(separator: ", "))\(borrowed.count > 8 ? ", ..." : "")",
                             hint: "translate them in content/i18n/\(language.code).yaml")
            }
            result[language.code] = LanguageStrings(language: language.code, values: values, rules: PluralRules(languageTag: language.code))
        }
        return result
    }
}
