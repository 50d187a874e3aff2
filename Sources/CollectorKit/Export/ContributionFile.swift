import Foundation
import Model

/// One verified contribution as the content file a moderator reviews: where it goes and what it says.
public struct ContributionFile: Equatable, Sendable {
    public enum Kind: String, Sendable { case proposal, petition, comment, statement }

    public var kind: Kind
    /// Path inside the content folder, e.g. `city/ideas/more-trees.en.md`.
    public var path: String
    public var text: String
    public var receipt: String

    /// The file for a valid ballot of a text form, or nil when the form takes no contributions. `slugTaken` says
    /// whether a file name is already used, so two proposals with one title get two files.
    static func make(form: FormSpec, ballot: CanonicalBallot, receipt: String, receivedAt: Date, defaultLanguage: String,
                     slugTaken: (String) -> Bool) -> ContributionFile? {
        var fields: [String: String] = [:]
        for item in ballot.items where item.parts.count == 2 { fields[item.parts[0]] = item.parts[1] }
        let language = fields["language"].flatMap { form.title.isEmpty || form.title[$0] != nil ? $0 : nil } ?? defaultLanguage
        let date = String(UTCSecond.format(receivedAt).prefix(10))
        var frontMatter: [(String, String)] = []
        let kind: Kind
        let path: String
        switch form.kind {
        case .proposal:
            kind = form.identityFields.isEmpty ? .proposal : .petition
            let folder = String(form.id.split(separator: "/").dropLast().joined(separator: "/"))
            let base = Slug.make(fields["title"] ?? "").prefix(60).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            let stem = base.isEmpty ? "contribution-" + receipt.prefix(8) : base
            var name = stem
            var suffix = 2
            while slugTaken(folder + "/" + name) {
                name = stem + "-\(suffix)"
                suffix += 1
            }
            path = folder + "/" + name + "." + language + ".md"
            frontMatter.append(("title", fields["title"] ?? ""))
        case .comment:
            kind = form.id.hasSuffix("/statement") ? .statement : .comment
            path = "_contributions/" + form.id + "/" + receipt.prefix(16) + "." + language + ".md"
        default:
            return nil
        }
        if let author = fields["author"] { frontMatter.append(("author", author)) }
        frontMatter.append(("date", date))
        frontMatter.append(("moderation", "pending"))
        frontMatter.append(("receipt", receipt))
        let yaml = frontMatter.map { "\($0.0): \(YAMLQuoting.quoted($0.1))" }.joined(separator: "\n")
        return ContributionFile(kind: kind, path: path, text: "---\n" + yaml + "\n---\n" + (fields["text"] ?? "") + "\n", receipt: receipt)
    }
}
