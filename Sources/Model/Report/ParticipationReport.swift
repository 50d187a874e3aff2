import Foundation

/// Participation over time, per space and per form, with small counts hidden so that nothing in a report can
/// single out a participant (`collector report`; format in docs/RESULTS.md, "Participation reports").
public struct ParticipationReport: Codable, Equatable, Sendable {
    public var from: Date
    public var to: Date
    public var period: ReportPeriod
    /// Counts below this are written as "< minimum".
    public var minimum: Int
    public var spaces: [SpaceParticipation]
    public var forms: [FormParticipation]

    enum CodingKeys: String, CodingKey {
        case from, to, period, minimum, spaces, forms
    }
}

/// Days or weeks (ISO weeks, from Monday 00:00 UTC).
public enum ReportPeriod: String, Codable, Sendable, CaseIterable {
    case day, week
}

/// A count as published: the number, or "< minimum" when it is too small to show.
public enum ReportCount: Codable, Equatable, Sendable {
    case count(Int)
    case fewerThan(Int)

    public static func of(_ value: Int, minimum: Int) -> ReportCount {
        value > 0 && value < minimum ? .fewerThan(minimum) : .count(value)
    }

    public var text: String {
        switch self {
        case .count(let value): String(value)
        case .fewerThan(let minimum): "< \(minimum)"
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .count(value)
            return
        }
        let text = try container.decode(String.self)
        guard text.hasPrefix("< "), let minimum = Int(text.dropFirst(2)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a count is a number or \"< N\", not \"\(text)\"")
        }
        self = .fewerThan(minimum)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let value): try container.encode(value)
        case .fewerThan: try container.encode(text)
        }
    }
}

/// One period of a form or space: submissions the tellers accept and those they set aside.
public struct PeriodCounts: Codable, Equatable, Sendable {
    public var start: Date
    public var accepted: ReportCount
    public var rejected: ReportCount
}

public struct FormParticipation: Codable, Equatable, Sendable {
    public var form: String
    public var kind: FormKind
    public var space: String
    public var title: [String: String]
    public var periods: [PeriodCounts]
    public var accepted: ReportCount
    public var rejected: ReportCount
    /// Distinct keys among accepted submissions: one per voting code, or per browser on open forms.
    public var participants: ReportCount
    /// Ballots begun on the form's page (the script reports a participant's first choice); nil when none was reported.
    public var started: ReportCount?
    /// Petitions: each threshold and when the accepted count reached it (nil: not yet).
    public var thresholds: [ThresholdReached]
}

public struct ThresholdReached: Codable, Equatable, Sendable {
    public var count: Int
    public var reachedAt: Date?

    enum CodingKeys: String, CodingKey {
        case count
        case reachedAt = "reached_at"
    }
}

public struct SpaceParticipation: Codable, Equatable, Sendable {
    public var space: String
    public var periods: [PeriodCounts]
    public var accepted: ReportCount
    public var rejected: ReportCount
    public var participants: ReportCount
}

/// Ballots begun on a form's page in one hour, as the collector counts them.
public struct StartCount: Equatable, Sendable {
    public var form: String
    public var hour: Date
    public var count: Int

    public init(form: String, hour: Date, count: Int) {
        self.form = form
        self.hour = hour
        self.count = count
    }
}

/// One stored submission as a report reads it: no ballot, no identity, only what it counts.
public struct ReportRow: Equatable, Sendable {
    public var form: String
    public var receivedAt: Date
    public var accepted: Bool
    public var voter: String

    public init(form: String, receivedAt: Date, accepted: Bool, voter: String) {
        self.form = form
        self.receivedAt = receivedAt
        self.accepted = accepted
        self.voter = voter
    }
}

extension ParticipationReport {
    /// The report of `rows` between `from` (inclusive) and `to` (exclusive), by `period`, for the manifest's forms.
    public static func make(rows: [ReportRow], starts: [StartCount] = [], forms: [FormSpec], from: Date, to: Date, period: ReportPeriod,
                            minimum: Int) -> ParticipationReport {
        var begun: [String: Int] = [:]
        for start in starts where start.hour < to && start.hour.addingTimeInterval(3600) > from { begun[start.form, default: 0] += start.count }
        let starts = periodStarts(from: from, to: to, period: period)
        let bucket = { (date: Date) -> Int in
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= date { low = middle } else { high = middle - 1 }
            }
            return low
        }
        let inWindow = rows.filter { $0.receivedAt >= from && $0.receivedAt < to }
        let byForm = Dictionary(grouping: inWindow, by: \.form)
        let count = { (value: Int) in ReportCount.of(value, minimum: minimum) }
        func periods(_ rows: [ReportRow]) -> [PeriodCounts] {
            var accepted = [Int](repeating: 0, count: starts.count), rejected = accepted
            for row in rows {
                if row.accepted { accepted[bucket(row.receivedAt)] += 1 } else { rejected[bucket(row.receivedAt)] += 1 }
            }
            return starts.indices.map { PeriodCounts(start: starts[$0], accepted: count(accepted[$0]), rejected: count(rejected[$0])) }
        }
        let formReports = forms.sorted { $0.id < $1.id }.compactMap { form -> FormParticipation? in
            guard let rows = byForm[form.id] else { return nil }
            let accepted = rows.filter(\.accepted).sorted { $0.receivedAt < $1.receivedAt }
            let thresholds = form.thresholds.map { threshold in
                ThresholdReached(count: threshold.count, reachedAt: accepted.count >= threshold.count ? accepted[threshold.count - 1].receivedAt : nil)
            }
            return FormParticipation(form: form.id, kind: form.kind, space: form.space, title: form.title, periods: periods(rows),
                                     accepted: count(accepted.count), rejected: count(rows.count - accepted.count),
                                     participants: count(Set(accepted.map(\.voter)).count), started: begun[form.id].map(count),
                                     thresholds: thresholds)
        }
        let spaceOf = Dictionary(forms.map { ($0.id, $0.space) }, uniquingKeysWith: { first, _ in first })
        let bySpace = Dictionary(grouping: inWindow.filter { spaceOf[$0.form] != nil }, by: { spaceOf[$0.form]! })
        let spaceReports = bySpace.keys.sorted().map { space -> SpaceParticipation in
            let rows = bySpace[space]!
            let accepted = rows.filter(\.accepted)
            return SpaceParticipation(space: space, periods: periods(rows), accepted: count(accepted.count),
                                      rejected: count(rows.count - accepted.count), participants: count(Set(accepted.map(\.voter)).count))
        }
        return ParticipationReport(from: from, to: to, period: period, minimum: minimum, spaces: spaceReports, forms: formReports)
    }

    /// Period starts covering [from, to): days from midnight UTC, weeks from Monday midnight UTC.
    static func periodStarts(from: Date, to: Date, period: ReportPeriod) -> [Date] {
        let day = 86_400.0
        var first = (from.timeIntervalSince1970 / day).rounded(.down) * day
        if period == .week {
            // 1970-01-01 was a Thursday: Monday is 3 days later in the week cycle.
            let days = Int64(first / day)
            let sinceMonday = ((days - 4) % 7 + 7) % 7
            first -= Double(sinceMonday) * day
        }
        let step = period == .week ? 7 * day : day
        var starts: [Date] = []
        var start = first
        while start < to.timeIntervalSince1970 || starts.isEmpty {
            starts.append(Date(timeIntervalSince1970: start))
            start += step
        }
        return starts
    }

    /// The report as CSV (RFC 4180): one line per form and period, then per space and period.
    public var csv: String {
        var text = "scope,id,period_start,accepted,rejected\r\n"
        for form in forms {
            for period in form.periods {
                text += CSVWriter.record(["form", form.form, UTCSecond.format(period.start), period.accepted.text, period.rejected.text]) + "\r\n"
            }
        }
        for space in spaces {
            for period in space.periods {
                text += CSVWriter.record(["space", space.space, UTCSecond.format(period.start), period.accepted.text, period.rejected.text]) + "\r\n"
            }
        }
        return text
    }
}
