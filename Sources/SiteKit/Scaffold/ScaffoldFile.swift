import Foundation
import Model

/// One file `sitegen new` writes, and what the communicator does with it next.
public struct ScaffoldFile: Sendable {
    public let url: URL
    /// The path shown to the communicator, e.g. `content/city/about.fr.md`.
    public let label: String
    public let text: String
    public let todo: String

    /// Writes every file, or none when one of them already exists: `sitegen new` never overwrites.
    public static func write(_ files: [ScaffoldFile]) throws {
        if let taken = files.first(where: { FileManager.default.fileExists(atPath: $0.url.path) }) {
            throw ContentScaffold.refusal(taken.label, "this file already exists", hint: ContentScaffold.neverOverwrites)
        }
        for file in files {
            do {
                try FileManager.default.createDirectory(at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: file.url)
            } catch {
                throw ContentScaffold.refusal(file.label, "cannot write this file: \(error.localizedDescription)", hint: "check the folder's permissions and free space")
            }
        }
    }
}

/// A content file's text in every language: the default-language file with every required setting and its
/// placeholder, and translations carrying texts only, as a translation must.
struct ScaffoldPage {
    let key: ContentKey
    let title: String
    let settings: [RequiredSetting]
    let body: String

    /// The files of `languages`, the first being the default; translations wait as drafts when `draftTranslations`.
    func files(contentDirectory: URL, contentLabel: String, languages: [String], draftTranslations: Bool) -> [ScaffoldFile] {
        let all = [FrontMatterParser.title] + settings
        return languages.enumerated().map { position, language in
            let relative = ContentPath.join(key.directory, "\(key.name).\(language).md")
            let url = contentDirectory.appendingPathComponent(relative)
            let label = ContentPath.join(contentLabel, relative)
            if position == 0 {
                return ScaffoldFile(url: url, label: label, text: text(all.map { line($0, comment: "required") }),
                                    todo: "replace the placeholders of \(all.map(\.key).joined(separator: ", ")) and the text")
            }
            // A translation gives texts only; its settings come from the default-language file.
            let texts = all.filter { TranslationRole.page[$0.key].map(Self.isText) ?? false }
            var lines = texts.map { line($0, comment: "translate") }
            var todo = "translate \(texts.map(\.key).joined(separator: ", ")) and the text"
            if draftTranslations {
                lines.append("draft: true  # delete this line once translated; until then readers of `\(language)` see the `\(languages[0])` text")
                todo += ", then delete `draft: true`"
            }
            return ScaffoldFile(url: url, label: label, text: text(lines), todo: todo)
        }
    }

    private func line(_ setting: RequiredSetting, comment: String) -> String {
        let value = setting == FrontMatterParser.title ? YAMLQuoting.quoted(title) : setting.example
        return "\(setting.key): \(value)  # \(comment): \(setting.meaning)"
    }

    private func text(_ lines: [String]) -> String {
        (["---"] + lines + ["---", body]).joined(separator: "\n") + "\n"
    }

    private static func isText(_ role: TranslationRole) -> Bool {
        switch role {
        case .own, .text: true
        case .entries: false
        }
    }
}
