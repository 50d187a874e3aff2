import Foundation

/// The front matter of one content file, checked.
public struct PageMeta: Sendable, Equatable {
    public var title: String
    public var description: String?
    public var summary: String?
    public var date: Date?
    public var publish: Date?
    public var expire: Date?
    public var draft = false
    public var slug: String?
    public var weight = 0
    public var tags: [String] = []
    public var type: PageType = .page
    public var template: String?
    public var author: String?
    /// Set on a participant's contribution written by `collector export --contributions`; only `accepted` ones are shown.
    public var moderation: Moderation?
    /// Why a moderator rejected it, kept in the file.
    public var moderationReason: String?
    /// The receipt of the submission it came from, so the export never writes it twice.
    public var receipt: String?
    public var style: SpaceStyle?
    /// Set on a space's `_index` (front matter `kind:`).
    public var space: SpaceSettings?
    /// Set on a collection's `_index` (front matter `component:`).
    public var collection: CollectionSettings?
    /// Set on a file inside a collection: a proposal, a project, a petition, a meeting.
    public var item: ItemFields?
    public var survey: SurveyFields?
    /// On a group of budget spaces: in how many of its budgets one participant may vote.
    public var voteIn: VoteIn?
    public var debate: DebateFields?
    public var conversation: ConversationFields?
    /// A `type: report` page: the name of its report folder in `content/_reports/`.
    public var report: String?

    /// Whether a participant wrote this file's words: `collector export --contributions` writes `moderation` and
    /// `receipt` into every file it makes, and a communicator's page has neither.
    var isContribution: Bool { moderation != nil || receipt != nil }

    /// Whether this file is on the site at `now`, given the build's draft setting.
    func isPublished(at now: Date, includeDrafts: Bool) -> Bool {
        if draft && !includeDrafts { return false }
        if let moderation, moderation != .accepted { return false }
        if let publish, publish > now { return false }
        if let expire, expire <= now { return false }
        return true
    }
}

/// A moderator's decision on a participant's contribution.
public enum Moderation: String, Sendable, CaseIterable {
    case pending, accepted, rejected
}

/// What a page is, which picks its template and where it is listed.
public enum PageType: String, Sendable, CaseIterable {
    case page, news, survey, debate, conversation, report
}

/// How many budgets of a group one participant votes in (a city's wards, a district's publics).
public enum VoteIn: String, Sendable, CaseIterable {
    /// Every budget of the group.
    case all
    /// One budget only.
    case one
    /// Their own area's budget and one other.
    case ownPlusOne = "own-plus-one"
}

/// The fields of a collection's item, by the collection's component.
public enum ItemFields: Sendable, Equatable {
    case proposal(ProposalFields)
    case project(ProjectFields)
    case petition(PetitionFields)
    case meeting(MeetingFields)
}

/// What a content file is, which decides the front-matter keys it may use.
enum FileRole: Equatable {
    case section
    case page
    case item(ComponentKind)
}

/// A space's own graphic charter: colours as CSS custom properties and a logo.
public struct SpaceStyle: Sendable, Equatable {
    public var colors: [String: String] = [:]
    public var logo: String?
    public var logoAlt: String?

    /// The colour roles a theme reads; each becomes `--color-<role>`.
    static let roles = ["primary", "primary-text", "accent", "background", "text", "link"]
}
