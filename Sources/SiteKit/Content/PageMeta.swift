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
    public var style: SpaceStyle?

    /// Whether this file is on the site at `now`, given the build's draft setting.
    func isPublished(at now: Date, includeDrafts: Bool) -> Bool {
        if draft && !includeDrafts { return false }
        if let publish, publish > now { return false }
        if let expire, expire <= now { return false }
        return true
    }
}

/// What a page is, which picks its template and where it is listed.
public enum PageType: String, Sendable, CaseIterable {
    case page, news
}

/// A space's own graphic charter: colours as CSS custom properties and a logo.
public struct SpaceStyle: Sendable, Equatable {
    public var colors: [String: String] = [:]
    public var logo: String?
    public var logoAlt: String?

    /// The colour roles a theme reads; each becomes `--color-<role>`.
    static let roles = ["primary", "primary-text", "accent", "background", "text", "link"]
}
