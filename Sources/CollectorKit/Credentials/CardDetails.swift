import Foundation
import Model

/// What every card of a roll says about the vote: the consultation's title, where to vote and until when.
/// Taken from the manifest (the titles of the roll's forms, the page showing the form, the latest closing time in
/// the site's time zone); each may be given instead (`collector credentials --title --site-url --deadline`).
public struct CardDetails: Equatable, Sendable {
    public var title: String?
    public var address: String?
    public var deadline: String?

    public init(title: String? = nil, address: String? = nil, deadline: String? = nil) {
        self.title = title
        self.address = address
        self.deadline = deadline
    }

    /// The details of `rollID`'s forms in `manifest`, in `words`' language (else the manifest's default language).
    public init(manifest: BallotManifest, rollID: String, words: CardWords) {
        let forms = manifest.forms.filter { $0.eligibility == .roll && $0.roll == rollID }
        let text = { (texts: [String: String]) in texts[words.language] ?? texts[manifest.defaultLanguage] ?? texts.values.sorted().first }
        let titles = forms.compactMap { text($0.title) }
        var seen: Set<String> = []
        let distinct = titles.filter { seen.insert($0).inserted }
        let site = manifest.title.flatMap(text)
        title = distinct.isEmpty ? site : ([site].compactMap { $0 } + [distinct.joined(separator: " · ")]).joined(separator: ": ")
        let pages = forms.compactMap { manifest.pages?[$0.id].flatMap(text) }
        address = Set(pages).count == 1 ? pages[0] : manifest.site
        let timeZone = manifest.timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        deadline = forms.compactMap(\.closes).max().map { DateWords(language: words.language, timeZone: timeZone).until($0) }
    }
}
