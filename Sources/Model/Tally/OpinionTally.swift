import Foundation

/// The opinion map of a conversation's verified ballots: each ballot's items are one participant's reactions,
/// linked across ballots by the key that signed them (docs/RESULTS.md, "Opinion maps").
public enum OpinionTally {
    public static func map(_ form: FormSpec, ballots: [CountedBallot]) -> (OpinionResult?, [String]?) {
        let votes = self.votes(form, ballots: ballots)
        do {
            let result = try OpinionMap.compute(votes: votes, statements: form.options.map(\.id))
            guard result.participants >= 2 else {
                return (nil, ["opinion groups: \(result.participants) participant(s) reacted to at least \(result.minimumVotes) statements; at least 2 are needed"])
            }
            return (result, nil)
        } catch {
            return (nil, ["opinion groups: not computed: \(error)"])
        }
    }

    /// The reactions in the ballots, in arrival order, so a changed vote (a later ballot on the same statement)
    /// comes after the one it replaces.
    public static func votes(_ form: FormSpec, ballots: [CountedBallot]) -> [OpinionVote] {
        let known = Set(form.options.map(\.id))
        var votes: [OpinionVote] = []
        for ballot in ballots.sorted(by: CountedBallot.arrivalOrder) where !ballot.voter.isEmpty {
            for item in ballot.items where item.parts.count == 2 && known.contains(item.parts[0]) {
                guard let stance = OpinionStance(rawValue: item.parts[1]) else { continue }
                votes.append(OpinionVote(participant: ballot.voter, statement: item.parts[0], stance: stance))
            }
        }
        return votes
    }
}
