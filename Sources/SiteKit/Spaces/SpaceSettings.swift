import Foundation

/// What a participatory space is, as Decidim and CONSUL name them.
public enum SpaceKind: String, Sendable, CaseIterable {
    case process, budget, petitions, assembly
}

/// What participants can do during a phase; the space page says so and forms open by it.
public enum PhaseAction: String, Sendable, CaseIterable {
    case read, propose, support, vote, sign, answer, comment, react, attend
}

/// A step of a space's calendar.
public struct Phase: Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String?
    public var start: Date
    public var end: Date
    public var actions: [PhaseAction]

    func isCurrent(at date: Date) -> Bool { start <= date && date < end }
}

/// A territory or public a space addresses (a ward, a district, the staff); population feeds participation rates.
public struct Scope: Sendable, Equatable {
    public var id: String
    public var title: String
    public var population: Int?
}

/// A named id with a title per language: categories and committees.
public struct Label: Sendable, Equatable {
    public var id: String
    public var title: String
}

/// The front matter of a space's `_index` file.
public struct SpaceSettings: Sendable, Equatable {
    public var kind: SpaceKind
    public var phases: [Phase] = []
    public var scopes: [Scope] = []
    public var categories: [Label] = []
    public var committees: [Label] = []
    /// Whether the space's forms show their counted results before they close (ResultVisibility).
    public var resultsWhileOpen = false

    static let keys = ["kind", "phases", "scopes", "categories", "committees", "results_while_open"]
    /// What makes a section a space.
    static let kindSetting = RequiredSetting(key: "kind", example: SpaceKind.process.rawValue,
                                             meaning: "what participants do here: " + SpaceKind.allCases.map(\.rawValue).joined(separator: ", "))

    func currentPhase(at date: Date) -> Phase? { phases.first { $0.isCurrent(at: date) } }

    /// The window in which participants may `action`: from the first phase allowing it to the last.
    func window(for action: PhaseAction) -> (start: Date, end: Date)? {
        let matching = phases.filter { $0.actions.contains(action) }
        guard let start = matching.map(\.start).min(), let end = matching.map(\.end).max() else { return nil }
        return (start, end)
    }

    static func read(_ reader: YAMLReader, kind: SpaceKind) -> SpaceSettings {
        var settings = SpaceSettings(kind: kind)
        settings.phases = reader.entries("phases", context: "phase") { entry in
            let id = entry.identifier("id", hint: "give each phase a short id such as `voting`")
            let title = entry.requiredString("title", hint: "name the phase as participants will see it")
            let start = entry.date("start")
            let end = entry.endDate("end")
            if entry.node("start") == nil { entry.sink.error(entry.file, line: entry.line("id"), "phase `\(id ?? "?")` has no `start`", hint: "add `start: 2026-03-01`") }
            if entry.node("end") == nil { entry.sink.error(entry.file, line: entry.line("id"), "phase `\(id ?? "?")` has no `end`", hint: "add `end: 2026-04-01`") }
            var actions: [PhaseAction] = []
            for name in entry.strings("actions") ?? [] {
                if let action = PhaseAction(rawValue: name) { actions.append(action) } else {
                    entry.report("actions", "`\(name)` is not a phase action", hint: "use: \(PhaseAction.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            let description = entry.string("description")
            entry.finish(allowed: ["id", "title", "description", "start", "end", "actions"], context: "a phase")
            guard let id, let title, let start, let end else { return nil }
            if end <= start { entry.report("end", "phase `\(id)` ends before it starts", hint: "`end` must be after `start`") }
            return Phase(id: id, title: title, description: description, start: start, end: end, actions: actions)
        } ?? []
        let sorted = settings.phases.sorted { $0.start < $1.start }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.start < earlier.end {
            reader.report("phases", "phases `\(earlier.id)` and `\(later.id)` overlap", hint: "a date without a time includes that whole day, so the next phase starts the day after the last day of the one before (`end: 2026-10-31`, then `start: 2026-11-01`)")
        }
        settings.scopes = reader.entries("scopes", context: "scope") { entry in
            let id = entry.identifier("id", hint: "a short id such as `ward-1`")
            let title = entry.requiredString("title", hint: "the scope's name")
            let population = entry.int("population")
            entry.finish(allowed: ["id", "title", "population"], context: "a scope")
            guard let id, let title else { return nil }
            return Scope(id: id, title: title, population: population)
        } ?? []
        settings.categories = readLabels(reader, key: "categories")
        settings.committees = readLabels(reader, key: "committees")
        settings.resultsWhileOpen = reader.bool("results_while_open") ?? false
        return settings
    }

    static func readLabels(_ reader: YAMLReader, key: String) -> [Label] {
        reader.entries(key, context: key) { entry in
            let id = entry.identifier("id", hint: "a short id such as `parks`")
            let title = entry.requiredString("title", hint: "the name shown to participants")
            entry.finish(allowed: ["id", "title"], context: "an entry of `\(key)`")
            guard let id, let title else { return nil }
            return Label(id: id, title: title)
        } ?? []
    }
}
