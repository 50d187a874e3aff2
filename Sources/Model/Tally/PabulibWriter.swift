import Foundation

extension PBElection {
    /// The election as `.pb` text that pabutools, the Pabulib checker and `init(pabulibText:)` read back.
    /// `num_projects` and `num_votes` are written from the rows, so they cannot go stale.
    public func pabulibText() -> String {
        var lines = ["META", "key;value"]
        var counted = meta
        counted["num_projects"] = meta["num_projects"].map { _ in String(projects.count) }
        counted["num_votes"] = meta["num_votes"].map { _ in String(voters.count) }
        for key in Self.ordered(metaOrder, counted.keys) {
            lines.append(CSVWriter.record([key, counted[key]!], separator: ";"))
        }

        let projectHeader = Self.header(projectColumns, required: ["project_id", "cost"],
                                        present: projectTypedColumnsInUse, extra: projects.map(\.fields))
        lines.append("PROJECTS")
        lines.append(CSVWriter.record(projectHeader, separator: ";"))
        for project in projects {
            lines.append(CSVWriter.record(projectHeader.map { project.cell($0) }, separator: ";"))
        }

        let voterHeader = Self.header(voterColumns, required: ["voter_id", "vote"],
                                      present: voters.contains { $0.points != nil } ? ["points"] : [],
                                      extra: voters.map(\.fields))
        lines.append("VOTES")
        lines.append(CSVWriter.record(voterHeader, separator: ";"))
        for voter in voters {
            lines.append(CSVWriter.record(voterHeader.map { voter.cell($0) }, separator: ";"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var projectTypedColumnsInUse: [String] {
        var columns: [String] = []
        if projects.contains(where: { $0.votes != nil }) { columns.append("votes") }
        if projects.contains(where: { $0.score != nil }) { columns.append("score") }
        if projects.contains(where: { $0.name != nil }) { columns.append("name") }
        if projects.contains(where: { $0.selected != nil }) { columns.append("selected") }
        return columns
    }

    /// The stored header, completed with any column a row needs but the header lacks.
    private static func header(_ stored: [String], required: [String], present: [String],
                               extra: [[String: String]]) -> [String] {
        var keys = Set<String>()
        for fields in extra { keys.formUnion(fields.keys) }
        var header = stored
        var seen = Set(stored)
        for column in required + present + keys.sorted() where seen.insert(column).inserted { header.append(column) }
        return header
    }

    /// `preferred` first (those that exist in `all`), then the rest of `all` in the order given.
    private static func ordered<S: Sequence>(_ preferred: [String], _ all: S) -> [String] where S.Element == String {
        let all = Array(all)
        let wanted = Set(all)
        var result = preferred.filter { wanted.contains($0) }
        var seen = Set(result)
        for key in all where seen.insert(key).inserted { result.append(key) }
        return result
    }
}

extension PBProject {
    fileprivate func cell(_ column: String) -> String {
        switch column {
        case "project_id": return id
        case "cost": return "\(cost)"
        case "name": return name ?? ""
        case "votes": return votes.map(String.init) ?? ""
        case "score": return score.map { "\($0)" } ?? ""
        case "selected": return selected.map(String.init) ?? ""
        default: return fields[column] ?? ""
        }
    }
}

extension PBVoter {
    fileprivate func cell(_ column: String) -> String {
        switch column {
        case "voter_id": return id
        case "vote": return vote.joined(separator: ",")
        case "points": return points.map { $0.map(String.init).joined(separator: ",") } ?? ""
        default: return fields[column] ?? ""
        }
    }
}
