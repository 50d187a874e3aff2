import Foundation
import Model
import Yams

/// `content/site.yaml`: the settings every page of the site shares.
public struct SiteConfig: Sendable {
    public var title: [String: String]
    public var baseURL: String
    public var languages: [Language]
    public var defaultLanguage: Language
    public var collectorURL: String?
    public var theme: String
    public var allowHTML: Bool
    public var timeZone: TimeZone
    /// The collectors' log keys (`collector serve` prints each at start): the pages check every acceptance's
    /// signed tree head against them (docs/LOG.md). Published with the site, so a collector cannot swap its own.
    public var collectorKeys: [String] = []
    /// The rolls whose forms are voted with credentials, and their issuers.
    public var credentialIssuers: [RollIssuer] = []

    public func title(for language: String) -> String {
        title[language] ?? title[defaultLanguage.code] ?? title.values.sorted().first ?? ""
    }

    public func language(_ code: String) -> Language? { languages.first { $0.code == code } }

    public func issuer(ofRoll roll: String) -> RollIssuer? { credentialIssuers.first { $0.roll == roll } }

    /// The collector's origin when it is not the site's own: the pages' Content-Security-Policy names it.
    var collectorOrigin: String? { collectorURL.flatMap(CollectorOrigin.of) }

    /// The credential issuers' origins, which the pages' scripts ask for credentials.
    var issuerOrigins: [String] { Array(Set(credentialIssuers.compactMap { CollectorOrigin.of($0.url) })).sorted() }

    static let fileName = "site.yaml"
    static let keys = ["title", "base_url", "languages", "default_language", "collector_url", "collector_keys", "credential_issuers", "theme",
                       "allow_html", "timezone"]
}

/// Reads and checks `site.yaml`, reporting each problem at its line.
enum SiteConfigLoader {
    static func load(text: String, file: String, sink: DiagnosticSink) -> SiteConfig? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            YAMLErrors.report(error, file: file, lineOffset: 0, sink: sink)
            return nil
        }
        guard let root, let reader = YAMLReader.mapping(root, field: "site.yaml", file: file, lineOffset: 0, sink: sink) else {
            sink.error(file, "site.yaml is empty", hint: "declare at least `title`, `base_url` and `languages`")
            return nil
        }
        let languages = readLanguages(reader)
        var title: [String: String] = [:]
        if let node = reader.node("title") {
            if let text = node.string, node.scalar != nil {
                for language in languages { title[language.code] = text }
            } else if let titles = YAMLReader.mapping(node, field: "title", file: file, lineOffset: 0, sink: sink) {
                for key in titles.keys { title[key] = titles.string(key) }
                for key in titles.keys where !languages.contains(where: { $0.code == key }) {
                    sink.error(file, line: titles.line(key), "title given for `\(key)`, which is not among the site's languages", hint: "add it to `languages` or remove this line")
                }
            }
        } else {
            sink.error(file, "missing required field `title`", hint: "add `title: My consultations` or one title per language")
        }
        let baseURL = reader.requiredString("base_url", hint: "add `base_url: https://consult.example.org/`") ?? "/"
        if !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") || baseURL.hasPrefix("/")) {
            reader.report("base_url", "`base_url` must be an absolute URL or start with `/`", hint: "e.g. `https://consult.example.org/`")
        }
        let defaultCode = reader.string("default_language") ?? languages.first?.code
        let defaultLanguage = languages.first { $0.code == defaultCode }
        if defaultLanguage == nil, let defaultCode, !languages.isEmpty {
            reader.report("default_language", "default language `\(defaultCode)` is not among the site's languages", hint: "use one of: \(languages.map(\.code).joined(separator: ", "))")
        }
        let collector = reader.string("collector_url")
        if let collector, !CollectorOrigin.isValid(collector) {
            reader.report("collector_url", "`collector_url` must be an http(s) address or a path on this site, not `\(collector)`",
                          hint: "e.g. `https://vote.example.org/`; the pages' security policy lets forms post to its origin only")
        }
        let theme = reader.string("theme") ?? "default"
        let allowHTML = reader.bool("allow_html") ?? false
        var timeZone = TimeZone(identifier: "UTC")!
        if let zone = reader.string("timezone") {
            if let parsed = TimeZone(identifier: zone) { timeZone = parsed } else {
                reader.report("timezone", "unknown time zone `\(zone)`", hint: "use an IANA name such as `Europe/Paris` or `America/Chicago`")
            }
        }
        let collectorKeys = reader.strings("collector_keys") ?? []
        for key in collectorKeys where Base64URL.decode(key).map({ $0.count != 32 || Base64URL.encode($0) != key }) ?? true {
            reader.report("collector_keys", "`\(key)` is not a collector's log key (43 base64url characters, an Ed25519 public key)",
                          hint: "copy the key `collector serve` prints at start (\"the receipt log's tree heads are signed by ...\") or serves at /v1/log/head")
        }
        let issuers = CredentialIssuersLoader.load(reader)
        reader.finish(allowed: SiteConfig.keys, context: "site.yaml")
        guard let defaultLanguage else { return nil }
        return SiteConfig(title: title, baseURL: baseURL.hasSuffix("/") ? baseURL : baseURL + "/", languages: languages,
                          defaultLanguage: defaultLanguage, collectorURL: collector, theme: theme,
                          allowHTML: allowHTML, timeZone: timeZone, collectorKeys: collectorKeys, credentialIssuers: issuers)
    }

    private static func readLanguages(_ reader: YAMLReader) -> [Language] {
        guard let items = reader.sequence("languages") else {
            if !reader.keys.contains("languages") {
                reader.sink.error(reader.file, "missing required field `languages`", hint: "list each language as `- code: en` with its `name`")
            }
            return []
        }
        var languages: [Language] = []
        for item in items {
            guard let entry = YAMLReader.mapping(item, field: "languages", file: reader.file, lineOffset: 0, sink: reader.sink) else { continue }
            guard let code = entry.requiredString("code", hint: "a BCP 47 tag such as `fr` or `pt-BR`") else { continue }
            if !Language.looksLikeTag(Substring(code)) {
                entry.report("code", "`\(code)` is not a BCP 47 language tag", hint: "use a lowercase language code, optionally with a region: `fr`, `pt-BR`")
            }
            if languages.contains(where: { $0.code == code }) {
                entry.report("code", "language `\(code)` is declared twice", hint: "remove the second entry")
            }
            let name = entry.string("name") ?? code
            var direction: TextDirection = Language.rightToLeftCodes.contains(String(code.split(separator: "-")[0])) ? .rtl : .ltr
            if let text = entry.string("direction") {
                if let parsed = TextDirection(rawValue: text) { direction = parsed } else {
                    entry.report("direction", "direction must be `ltr` or `rtl`, not `\(text)`", hint: "`rtl` for Arabic, Hebrew, Persian, Urdu")
                }
            }
            entry.finish(allowed: ["code", "name", "direction"], context: "a language of site.yaml")
            languages.append(Language(code: code, name: name, direction: direction))
        }
        if languages.isEmpty {
            reader.report("languages", "the site declares no language", hint: "list at least one: `- code: en`")
        }
        return languages
    }
}

/// Turns a Yams error into a diagnostic at the line libyaml points to.
enum YAMLErrors {
    static func report(_ error: Error, file: String, lineOffset: Int, sink: DiagnosticSink) {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
                let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
                sink.error(file, line: mark.line + lineOffset, column: mark.column, "invalid YAML: \(detail)", hint: "check the indentation and quote text that contains `:` or `#`")
                return
            default:
                break
            }
        }
        sink.error(file, line: 1 + lineOffset, "invalid YAML: \(error)", hint: "check the indentation and quoting")
    }
}
