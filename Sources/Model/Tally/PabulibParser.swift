import Foundation

/// Reads the META, PROJECTS and VOTES sections of a `.pb` file, checking each row as it goes.
struct PabulibParser {
    private enum Section: Int {
        case meta, projects, votes

        var title: String { ["META", "PROJECTS", "VOTES"][rawValue] }
    }

    private let text: String
    private var election = PBElection(meta: [:], metaOrder: [], projects: [], voters: [])
    private var metaLines: [String: Int] = [:]
    private var metaTitleLine = 0
    private var voteType = PBVoteType.approval
    private var projectIndex: [String: Int] = [:]
    private var voterIDs = Set<String>()
    /// Where the typed VOTES columns sit, set from the header.
    private var voterLayout = (id: 0, vote: 0, points: Int?.none, others: [(String, Int)]())

    init(_ text: String) {
        self.text = text
    }

    mutating func parse() throws -> PBElection {
        var section: Section?
        var awaitingHeader = false
        var lastLine = 1
        for record in try PabulibRecordReader.records(text) {
            lastLine = record.line
            if let title = Self.sectionTitle(record) {
                let expected = section.map { $0.rawValue + 1 } ?? 0
                guard title.rawValue == expected else {
                    let wanted = Section(rawValue: expected).map { "expected \($0.title)" } ?? "after VOTES"
                    throw PabulibError(line: record.line, "found \(title.title), \(wanted)")
                }
                if awaitingHeader, let section {
                    throw PabulibError(line: record.line, "\(section.title) has no header line")
                }
                if title == .meta { metaTitleLine = record.line }
                if title == .projects { try checkMeta() }
                section = title
                awaitingHeader = true
                continue
            }
            guard let current = section else {
                throw PabulibError(line: record.line, "expected META, found '\(record.fields.joined(separator: ";"))'")
            }
            if awaitingHeader {
                try readHeader(record, of: current)
                awaitingHeader = false
                continue
            }
            switch current {
            case .meta: try readMeta(record)
            case .projects: try readProject(record)
            case .votes: try readVoter(record)
            }
        }
        if awaitingHeader, let section {
            throw PabulibError(line: lastLine, "the file ends before the \(section.title) header")
        }
        guard section == .votes else {
            let next = section.map { Section(rawValue: $0.rawValue + 1)!.title } ?? "META"
            throw PabulibError(line: lastLine, "the file ends before \(next)")
        }
        try checkCount("num_projects", election.projects.count, "PROJECTS")
        try checkCount("num_votes", election.voters.count, "VOTES")
        return election
    }

    private static func sectionTitle(_ record: PabulibRecord) -> Section? {
        guard record.fields.count == 1 else { return nil }
        switch record.fields[0].trimmingCharacters(in: .whitespaces).lowercased() {
        case "meta": return .meta
        case "projects": return .projects
        case "votes": return .votes
        default: return nil
        }
    }

    private mutating func readHeader(_ record: PabulibRecord, of section: Section) throws {
        let columns = record.fields
        var seen = Set<String>()
        for column in columns where !seen.insert(column).inserted {
            throw PabulibError(line: record.line, "\(section.title) header names column '\(column)' twice")
        }
        let required: [String]
        switch section {
        case .meta:
            guard columns.map({ $0.lowercased() }) == ["key", "value"] else {
                let found = columns.joined(separator: ";")
                throw PabulibError(line: record.line, "META header must be key;value, found '\(found)'")
            }
            return
        case .projects:
            required = ["project_id", "cost"]
            election.projectColumns = columns
        case .votes:
            required = voteType.hasPoints ? ["voter_id", "vote", "points"] : ["voter_id", "vote"]
            election.voterColumns = columns
        }
        for column in required where !seen.contains(column) {
            let why = column == "points" ? " (needed for \(voteType.rawValue) ballots)" : ""
            throw PabulibError(line: record.line, "\(section.title) header has no \(column) column\(why)")
        }
        if section == .votes {
            voterLayout = (columns.firstIndex(of: "voter_id")!, columns.firstIndex(of: "vote")!,
                           columns.firstIndex(of: "points"),
                           columns.enumerated().filter { !PBVoter.typedColumns.contains($0.element) }
                               .map { ($0.element, $0.offset) })
        }
    }

    private mutating func readMeta(_ record: PabulibRecord) throws {
        guard record.fields.count == 2 else {
            throw PabulibError(line: record.line, "META row has \(record.fields.count) fields, expected 2 (key;value)")
        }
        let key = record.fields[0]
        guard metaLines[key] == nil else {
            throw PabulibError(line: record.line, "META key '\(key)' appears twice")
        }
        metaLines[key] = record.line
        election.meta[key] = record.fields[1]
        election.metaOrder.append(key)
    }

    /// Checks the META values the other sections depend on, once META is complete.
    private mutating func checkMeta() throws {
        guard let budget = election.meta["budget"] else {
            throw PabulibError(line: metaTitleLine, "META has no budget")
        }
        guard PabulibNumber.decimal(budget) != nil else {
            throw PabulibError(line: metaLines["budget"]!, "budget '\(budget)' is not a number")
        }
        if let text = election.meta["vote_type"] {
            guard let type = PBVoteType(rawValue: text) else {
                let known = PBVoteType.allCases.map(\.rawValue).joined(separator: ", ")
                throw PabulibError(line: metaLines["vote_type"]!, "vote_type '\(text)' is not one of \(known)")
            }
            voteType = type
        }
        for key in ["num_projects", "num_votes", "min_project_score_threshold", "max_length"] {
            if let text = election.meta[key], Int(text) == nil {
                throw PabulibError(line: metaLines[key]!, "\(key) '\(text)' is not an integer")
            }
        }
    }

    private func checkCount(_ key: String, _ count: Int, _ section: String) throws {
        guard let text = election.meta[key], let stated = Int(text), stated != count else { return }
        throw PabulibError(line: metaLines[key]!, "\(key) is \(stated) but \(section) has \(count) rows")
    }

    private mutating func readProject(_ record: PabulibRecord) throws {
        let row = try PabulibRow(record, columns: election.projectColumns, section: "PROJECTS")
        var project = PBProject(id: row.fields["project_id"]!, cost: 0)
        guard !project.id.isEmpty else { throw PabulibError(line: record.line, "project_id is empty") }
        guard projectIndex[project.id] == nil else {
            throw PabulibError(line: record.line, "project '\(project.id)' appears twice")
        }
        let costText = row.fields["cost"]!
        guard let cost = PabulibNumber.decimal(costText), cost >= 0 else {
            throw PabulibError(line: record.line,
                               "cost '\(costText)' of project '\(project.id)' is not a non-negative number")
        }
        project.cost = cost
        project.name = row.fields["name"]
        project.votes = try row.optional("votes", Int.init, "an integer")
        project.score = try row.optional("score", PabulibNumber.decimal, "a number")
        project.selected = try row.optional("selected", Int.init, "an integer")
        for (column, value) in row.fields where !PBProject.typedColumns.contains(column) {
            project.fields[column] = value
        }
        projectIndex[project.id] = election.projects.count
        election.projects.append(project)
    }

    private mutating func readVoter(_ record: PabulibRecord) throws {
        let columns = election.voterColumns
        guard record.fields.count == columns.count else {
            throw PabulibError(line: record.line,
                               "VOTES row has \(record.fields.count) fields, header has \(columns.count)")
        }
        // VOTES is most of a file, so its rows are read by column position rather than through a dictionary.
        let layout = voterLayout
        let id = record.fields[layout.id]
        guard voterIDs.insert(id).inserted else {
            throw PabulibError(line: record.line, "voter '\(id)' appears twice")
        }
        let vote = Self.list(record.fields[layout.vote])
        for (position, project) in vote.enumerated() {
            guard projectIndex[project] != nil else {
                throw PabulibError(line: record.line, "vote of '\(id)' names unknown project '\(project)'")
            }
            if vote[..<position].contains(project) {
                throw PabulibError(line: record.line, "vote of '\(id)' lists project '\(project)' twice")
            }
        }
        var voter = PBVoter(id: id, vote: vote)
        if let pointsColumn = layout.points {
            let pointsText = record.fields[pointsColumn]
            let items = Self.list(pointsText)
            let points = items.compactMap { Int($0) }
            guard points.count == items.count else {
                throw PabulibError(line: record.line, "points '\(pointsText)' of '\(id)' are not all integers")
            }
            guard points.count == vote.count else {
                throw PabulibError(line: record.line,
                                   "vote of '\(id)' lists \(vote.count) projects but \(points.count) points")
            }
            voter.points = points
        }
        if !layout.others.isEmpty {
            voter.fields.reserveCapacity(layout.others.count)
            for (column, position) in layout.others { voter.fields[column] = record.fields[position] }
        }
        election.voters.append(voter)
    }

    /// A comma list inside one cell; an empty cell is an empty list (an empty ballot still counts as a voter).
    private static func list(_ cell: String) -> [String] {
        guard !cell.isEmpty else { return [] }
        var cell = cell
        return cell.withUTF8 { bytes in
            var items: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
                var lower = start
                var upper = index
                while lower < upper, bytes[lower] == UInt8(ascii: " ") { lower += 1 }
                while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
                items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self))
                start = index + 1
            }
            return items
        }
    }
}
