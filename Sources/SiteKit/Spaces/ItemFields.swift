import Foundation

/// Where a proposal stands, with the official answer when there is one.
public enum ProposalState: String, Sendable, CaseIterable {
    case evaluating, accepted, rejected, withdrawn
}

/// A proposal's own front matter.
public struct ProposalFields: Sendable, Equatable {
    public var category: String?
    public var scope: String?
    public var state: ProposalState = .evaluating
    public var answer: String?
    public var answerDate: Date?
    public var cost: Int?

    static let keys = ["category", "scope", "state", "answer", "answer_date", "cost"]
    static let required: [RequiredSetting] = []

    static func read(_ reader: YAMLReader) -> ProposalFields {
        var fields = ProposalFields()
        fields.category = reader.string("category")
        fields.scope = reader.string("scope")
        fields.state = reader.choice("state", as: ProposalState.self) ?? .evaluating
        fields.answer = reader.string("answer")
        fields.answerDate = reader.date("answer_date")
        fields.cost = reader.int("cost")
        if fields.answer != nil && fields.state == .evaluating {
            reader.report("answer", "an official answer needs a decided state", hint: "set `state: accepted` or `state: rejected`")
        }
        return fields
    }
}

/// A budget project's own front matter.
public struct ProjectFields: Sendable, Equatable {
    public var cost: Int
    public var category: String?
    public var scope: String?
    public var image: String?
    public var imageAlt: String?
    public var location: String?

    static let keys = ["cost", "category", "scope", "image", "image_alt", "location"]
    static let cost = RequiredSetting(key: "cost", example: "250000", meaning: "whole currency units")
    static let required = [cost]

    static func read(_ reader: YAMLReader) -> ProjectFields {
        let cost = reader.int("cost")
        if reader.node("cost") == nil {
            reader.sink.error(reader.file, line: reader.line("title"), "a budget project needs its `cost`", hint: Self.cost.hint)
        } else if let cost, cost <= 0 {
            reader.report("cost", "a project's cost must be positive", hint: "write the cost in whole currency units")
        }
        var fields = ProjectFields(cost: cost ?? 0)
        fields.category = reader.string("category")
        fields.scope = reader.string("scope")
        fields.image = reader.string("image")
        fields.imageAlt = reader.string("image_alt")
        fields.location = reader.string("location")
        if fields.image != nil && (fields.imageAlt ?? "").isEmpty {
            reader.report("image", "an image needs a text alternative", hint: "add `image_alt:` describing what the image shows")
        }
        return fields
    }
}

/// Where a petition stands.
public enum PetitionState: String, Sendable, CaseIterable {
    case open, closed, answered, debated
}

/// A petition's own front matter.
public struct PetitionFields: Sendable, Equatable {
    public var committee: String?
    public var state: PetitionState = .open
    public var opens: Date?
    public var closes: Date?
    public var response: String?

    static let keys = ["committee", "state", "opens", "closes", "response"]
    static let required: [RequiredSetting] = []

    static func read(_ reader: YAMLReader) -> PetitionFields {
        var fields = PetitionFields()
        fields.committee = reader.string("committee")
        fields.state = reader.choice("state", as: PetitionState.self) ?? .open
        fields.opens = reader.date("opens")
        fields.closes = reader.endDate("closes")
        fields.response = reader.string("response")
        if let opens = fields.opens, let closes = fields.closes, closes <= opens {
            reader.report("closes", "the petition closes before it opens", hint: "`closes` must be after `opens`")
        }
        return fields
    }
}

/// A meeting's own front matter; its agenda is the body.
public struct MeetingFields: Sendable, Equatable {
    public var start: Date
    public var end: Date?
    public var timeZone: TimeZone?
    public var place: String?
    public var address: String?
    public var onlineURL: String?

    static let keys = ["start", "end", "timezone", "place", "address", "online_url"]

    static func read(_ reader: YAMLReader) -> MeetingFields {
        let start = reader.date("start")
        if reader.node("start") == nil {
            reader.sink.error(reader.file, line: reader.line("title"), "a meeting needs its `start`", hint: "add `start: 2026-03-12T18:30:00-06:00`")
        }
        var fields = MeetingFields(start: start ?? .distantPast)
        fields.end = reader.endDate("end")
        if let zone = reader.string("timezone") {
            fields.timeZone = TimeZone(identifier: zone)
            if fields.timeZone == nil { reader.report("timezone", "unknown time zone `\(zone)`", hint: "use an IANA name such as `America/Chicago`") }
        }
        fields.place = reader.string("place")
        fields.address = reader.string("address")
        fields.onlineURL = reader.string("online_url")
        if let url = fields.onlineURL, !url.hasPrefix("https://") {
            reader.report("online_url", "the online link must start with https://", hint: "paste the full link of the video call")
        }
        if fields.place == nil && fields.onlineURL == nil {
            reader.sink.error(reader.file, line: reader.line("title"), "a meeting needs a `place` or an `online_url`", hint: "say where participants go")
        }
        if let end = fields.end, end <= fields.start {
            reader.report("end", "the meeting ends before it starts", hint: "`end` must be after `start`")
        }
        return fields
    }
}

/// A debate: a question put to a public, open for comments for a while.
public struct DebateFields: Sendable, Equatable {
    public var opens: Date?
    public var closes: Date?
    public var committee: String?
    public var scope: String?

    static let keys = ["opens", "closes", "committee", "scope"]

    static func read(_ reader: YAMLReader) -> DebateFields {
        DebateFields(opens: reader.date("opens"), closes: reader.endDate("closes"), committee: reader.string("committee"), scope: reader.string("scope"))
    }
}
