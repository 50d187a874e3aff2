import Foundation
import Model
import Yams

/// A content file split into its YAML front matter and its Markdown body.
struct FrontMatterSplit {
    let yaml: String
    let body: String
    /// Line number (1-based) of the front matter's first YAML line in the file.
    let yamlLine: Int
    /// Line number (1-based) of the body's first line in the file.
    let bodyLine: Int

    /// Splits on `---` fences; a file without them is all body. Nil when the closing fence is missing.
    static func split(_ text: String) -> FrontMatterSplit? {
        var content = Substring(text)
        if content.hasPrefix("\u{FEFF}") { content = content.dropFirst() }
        guard content.hasPrefix("---\n") || content.hasPrefix("---\r\n") else {
            return FrontMatterSplit(yaml: "", body: String(content), yamlLine: 1, bodyLine: 1)
        }
        var line = 1
        var index = content.index(after: content.firstIndex(of: "\n")!)
        let yamlStart = index
        while index < content.endIndex {
            line += 1
            let end = content[index...].firstIndex(of: "\n") ?? content.endIndex
            let current = content[index..<end]
            if current == "---" || current == "---\r" || current == "..." {
                let bodyStart = end < content.endIndex ? content.index(after: end) : end
                return FrontMatterSplit(yaml: String(content[yamlStart..<index]), body: String(content[bodyStart...]),
                                        yamlLine: 2, bodyLine: line + 1)
            }
            index = end < content.endIndex ? content.index(after: end) : end
        }
        return nil
    }
}

/// Reads a page's front matter into `PageMeta`, reporting every problem at its line.
enum FrontMatterParser {
    static let pageKeys = ["title", "description", "summary", "date", "publish", "expire", "draft", "slug", "weight",
                           "tags", "type", "template", "author", "moderation", "moderation_reason", "receipt"]
    static let sectionKeys = pageKeys + ["colors", "logo", "logo_alt"]

    static let pageHint = "start the file with `---`, a `title:` line and `---`"

    /// The one setting every page, section and item needs.
    static let title = RequiredSetting(key: "title", example: "...", meaning: "the page's name, in the file's language")

    /// The front matter's YAML, or nil after reporting why there is none (YAML errors at their line, an empty
    /// front matter with `hint`).
    static func root(_ split: FrontMatterSplit, file: String, sink: DiagnosticSink, hint: String) -> Node? {
        do {
            guard let root = try Yams.compose(yaml: split.yaml) else {
                sink.error(file, "missing front matter", hint: hint)
                return nil
            }
            return root
        } catch {
            YAMLErrors.report(error, file: file, lineOffset: split.yamlLine - 1, sink: sink)
            return nil
        }
    }

    /// The front matter's mapping, or nil after reporting why there is none.
    static func reader(_ split: FrontMatterSplit, file: String, timeZone: TimeZone? = nil, sink: DiagnosticSink, hint: String) -> YAMLReader? {
        guard let root = root(split, file: file, sink: sink, hint: hint) else { return nil }
        return YAMLReader.mapping(root, field: "front matter", file: file, lineOffset: split.yamlLine - 1, sink: sink, timeZone: timeZone)
    }

    /// Reads a page's front matter: its own file's, or a translation's laid over its default-language file's.
    static func parse(_ reader: YAMLReader, role: FileRole) -> PageMeta? {
        let title = reader.requiredString(title.key, hint: title.hint)
        var meta = PageMeta(title: title ?? "")
        meta.description = reader.string("description")
        meta.summary = reader.string("summary")
        meta.date = reader.date("date")
        meta.publish = reader.date("publish")
        meta.expire = reader.date("expire")
        meta.draft = reader.bool("draft") ?? false
        meta.slug = reader.string("slug")
        if let slug = meta.slug, !Slug.isValid(slug) {
            reader.report("slug", "slug `\(slug)` cannot be used in a URL", hint: "use letters, digits and `-`, e.g. `\(Slug.make(slug))`")
        }
        meta.weight = reader.int("weight") ?? 0
        meta.tags = reader.strings("tags") ?? []
        if let type = reader.string("type") {
            if let parsed = PageType(rawValue: type) { meta.type = parsed } else {
                reader.report("type", "unknown page type `\(type)`", hint: "use one of: \(PageType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        meta.template = reader.string("template")
        meta.author = reader.string("author")
        meta.moderation = reader.choice("moderation", as: Moderation.self)
        meta.moderationReason = reader.string("moderation_reason")
        meta.receipt = reader.string("receipt")
        var allowed = pageKeys
        switch role {
        case .section:
            allowed = sectionKeys + ["kind", "component", "vote_in"]
            meta.style = readStyle(reader)
            meta.voteIn = reader.choice("vote_in", as: VoteIn.self)
            if let kind = reader.choice("kind", as: SpaceKind.self) {
                meta.space = SpaceSettings.read(reader, kind: kind)
                allowed += SpaceSettings.keys
            }
            if let component = reader.choice("component", as: ComponentKind.self) {
                meta.collection = CollectionSettings.read(reader, kind: component)
                allowed += CollectionSettings.keys(for: component)
            }
        case .item(let component):
            switch component {
            case .proposals:
                meta.item = .proposal(ProposalFields.read(reader))
                allowed += ProposalFields.keys
            case .budget:
                meta.item = .project(ProjectFields.read(reader))
                allowed += ProjectFields.keys
            case .petitions:
                meta.item = .petition(PetitionFields.read(reader))
                allowed += PetitionFields.keys
            case .meetings:
                meta.item = .meeting(MeetingFields.read(reader))
                allowed += MeetingFields.keys
            }
        case .page:
            if meta.type == .survey {
                meta.survey = SurveyFields.read(reader)
                allowed += SurveyFields.keys
            } else if meta.type == .debate {
                meta.debate = DebateFields.read(reader)
                allowed += DebateFields.keys
            } else if meta.type == .report {
                meta.report = reader.requiredString("report", hint: "the folder of its report in content/_reports/, as written by `collector report --out`")
                allowed += ["report"]
            } else if meta.type == .conversation {
                meta.conversation = ConversationFields.read(reader)
                allowed += ConversationFields.keys
            }
        }
        let context: String
        switch role {
        case .section: context = "a section's front matter"
        case .page: context = meta.type == .page ? "a page's front matter" : "a \(meta.type.rawValue)'s front matter"
        case .item(let component): context = "the front matter of an item of a `\(component.rawValue)` collection"
        }
        reader.finish(allowed: allowed, context: context)
        return title == nil ? nil : meta
    }

    private static func readStyle(_ reader: YAMLReader) -> SpaceStyle? {
        var style = SpaceStyle()
        if let colors = reader.mapping("colors") {
            for role in colors.keys {
                guard SpaceStyle.roles.contains(role) else { continue }
                guard let value = colors.string(role) else { continue }
                if Color(hex: value) == nil {
                    colors.report(role, "colour `\(value)` is not a hex colour", hint: "write it as `\"#1a5fb4\"`, in quotes")
                } else {
                    style.colors[role] = value
                }
            }
            colors.finish(allowed: SpaceStyle.roles, context: "`colors`")
            checkContrast(style.colors, reader: reader)
        }
        style.logo = reader.string("logo")
        style.logoAlt = reader.string("logo_alt")
        if style.logo != nil && (style.logoAlt ?? "").isEmpty {
            reader.report("logo", "a logo needs a text alternative", hint: "add `logo_alt: Name of the organisation`")
        }
        return style.colors.isEmpty && style.logo == nil ? nil : style
    }

    /// Rejects a charter whose button or text colours fail WCAG AA (4.5:1), where it is cheapest to fix.
    private static func checkContrast(_ colors: [String: String], reader: YAMLReader) {
        let pairs: [(String, String, String)] = [("primary", "primary-text", "#ffffff"), ("text", "background", "#ffffff"), ("link", "background", "#ffffff")]
        for (foregroundRole, backgroundRole, defaultOther) in pairs {
            guard let first = colors[foregroundRole].flatMap(Color.init(hex:)) else { continue }
            let second = Color(hex: colors[backgroundRole] ?? defaultOther)!
            let ratio = first.contrast(with: second)
            if ratio < 4.5 {
                reader.sink.error(reader.file, line: reader.line("colors"),
                                  "colours `\(foregroundRole)` and `\(backgroundRole)` have a contrast of \(String(format: "%.1f", ratio)):1, below WCAG AA's 4.5:1",
                                  hint: "darken `\(foregroundRole)` or change `\(backgroundRole)`")
            }
        }
    }
}

/// An sRGB colour, for contrast checks of a space's charter.
struct Color {
    let red: Double, green: Double, blue: Double

    init?(hex: String) {
        var digits = Substring(hex)
        guard digits.hasPrefix("#") else { return nil }
        digits = digits.dropFirst()
        if digits.count == 3 { digits = Substring(digits.map { "\($0)\($0)" }.joined()) }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        red = Double((value >> 16) & 0xff) / 255
        green = Double((value >> 8) & 0xff) / 255
        blue = Double(value & 0xff) / 255
    }

    var luminance: Double {
        func channel(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    func contrast(with other: Color) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
