/// What `sitegen new KIND PATH` adds to a site, with the settings the front-matter reader requires of each.
public enum NewContentKind: String, CaseIterable, Sendable {
    case space, page, proposal, project, petition

    /// The kind of collection an item goes in; nil for a space or a page.
    var component: ComponentKind? {
        switch self {
        case .proposal: .proposals
        case .project: .budget
        case .petition: .petitions
        case .space, .page: nil
        }
    }

    /// The required settings besides `title`, from the readers that report them missing.
    var required: [RequiredSetting] {
        switch self {
        case .space: [SpaceSettings.kindSetting]
        case .page: []
        case .proposal: ProposalFields.required
        case .project: ProjectFields.required
        case .petition: PetitionFields.required
        }
    }

    /// The placeholder text, saying what the body is for.
    var body: String {
        switch self {
        case .space: "What this consultation is about, who decides and when. Its calendar goes in `phases` (docs/CONTENT.md, \"Spaces\")."
        case .page: "Your text in Markdown."
        case .proposal: "What the proposal is, where, and why."
        case .project: "What the project builds, where, and for whom."
        case .petition: "What the petition asks, of whom, and why."
        }
    }
}
