import Foundation

/// Supports on proposals (CONSUL, Decidim): a minimum per participant, a threshold, and whether supports accrue past it.
public enum SupportsTally {
    public struct Count: Equatable, Sendable {
        public var options: [OptionResult]
        public var notes: [String]
    }

    public static func count(_ form: FormSpec, ballots: [CountedBallot]) -> Count {
        let constraints = form.constraints
        let minimum = constraints.minSupportsPerParticipant ?? 0
        let threshold = constraints.threshold
        let accumulates = constraints.accumulate ?? true
        var counts: [String: Int] = [:]
        var reachedAt: [String: Date] = [:]
        var short = 0
        var closed = 0
        for ballot in ballots.sorted(by: CountedBallot.arrivalOrder) {
            // Decidim: supports count only once a participant has given the minimum number.
            guard ballot.items.count >= minimum else {
                short += 1
                continue
            }
            for item in ballot.items {
                let id = item.parts[0]
                if let threshold, !accumulates, counts[id, default: 0] >= threshold {
                    closed += 1
                    continue
                }
                counts[id, default: 0] += 1
                if let threshold, counts[id] == threshold { reachedAt[id] = ballot.receivedAt }
            }
        }
        let options = form.options.map { option -> OptionResult in
            let votes = counts[option.id] ?? 0
            guard let threshold else {
                return OptionResult(id: option.id, votes: votes, reason: "\(votes) supports")
            }
            if let date = reachedAt[option.id] {
                return OptionResult(id: option.id, votes: votes, selected: true,
                                    reason: "reached the threshold of \(threshold) supports on \(UTCSecond.format(date))")
            }
            return OptionResult(id: option.id, votes: votes, selected: false,
                                reason: "\(votes) supports, \(threshold - votes) short of the threshold of \(threshold)")
        }
        var notes: [String] = []
        if minimum > 0 { notes.append("\(short) participants gave fewer than \(minimum) supports; theirs do not count") }
        if let threshold, !accumulates { notes.append("\(closed) supports came after their proposal had reached \(threshold) and do not count") }
        return Count(options: options, notes: notes)
    }
}
