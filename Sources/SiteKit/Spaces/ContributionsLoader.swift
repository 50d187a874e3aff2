import Foundation
import Model

/// A participant's comment or statement, as `collector export --contributions` wrote it into
/// `content/_contributions/<form id>/<receipt>.<language>.md` for moderation.
struct Contribution: Sendable, Equatable {
    var form: String
    var language: String
    var author: String?
    var date: Date?
    var moderation: Moderation
    var receipt: String
    var text: String
}

/// Reads `content/_contributions/`: every file's front matter is checked, and only `accepted` ones reach the pages.
enum ContributionsLoader {
    static let folder = "_contributions/"
    static let keys = ["author", "date", "moderation", "moderation_reason", "receipt"]

    static func load(_ files: [(file: String, text: String)], languages: Set<String>, sink: DiagnosticSink) -> [String: [Contribution]] {
        var byForm: [String: [Contribution]] = [:]
        for (file, text) in files {
            guard let contribution = parse(file: file, text: text, languages: languages, sink: sink) else { continue }
            byForm[contribution.form, default: []].append(contribution)
        }
        return byForm.mapValues { $0.sorted { ($0.date ?? .distantPast, $0.receipt) < ($1.date ?? .distantPast, $1.receipt) } }
    }

    private static func parse(file: String, text: String, languages: Set<String>, sink: DiagnosticSink) -> Contribution? {
        guard let at = file.range(of: folder) else { return nil }
        let relative = file[at.upperBound...]
        let parts = relative.split(separator: "/")
        let name = parts.last.map(String.init) ?? ""
        let pieces = name.split(separator: ".")
        guard parts.count >= 2, pieces.count == 3, pieces[2] == "md", languages.contains(String(pieces[1])) else {
            sink.error(file, "a contribution file is named `<receipt>.<language>.md` inside the folder of its form",
                       hint: "languages of this site: \(languages.sorted().joined(separator: ", "))")
            return nil
        }
        guard let split = FrontMatterSplit.split(text) else {
            sink.error(file, "missing front matter", hint: "start the file with `---`, a `moderation:` line and `---`")
            return nil
        }
        guard let reader = FrontMatterParser.reader(split, file: file, sink: sink, hint: "start the file with `---`, a `moderation:` line and `---`") else {
            return nil
        }
        let moderation = reader.choice("moderation", as: Moderation.self)
        if reader.node("moderation") == nil {
            reader.report("moderation", "a contribution needs `moderation: pending`, `accepted` or `rejected`", hint: "write `moderation: accepted` to publish it")
        }
        let contribution = Contribution(form: parts.dropLast().joined(separator: "/"), language: String(pieces[1]), author: reader.string("author"),
                                        date: reader.date("date"), moderation: moderation ?? .pending,
                                        receipt: reader.string("receipt") ?? String(pieces[0]),
                                        text: split.body.trimmingCharacters(in: .whitespacesAndNewlines))
        reader.finish(allowed: keys, context: "a contribution's front matter")
        return contribution
    }
}
