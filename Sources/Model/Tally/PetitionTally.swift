import Foundation

/// Petitions: the valid signatures, and when each threshold was reached.
public enum PetitionTally {
    /// Each threshold of the form, smallest first, dated by the arrival of the signature that reached it.
    public static func thresholds(_ form: FormSpec, ballots: [CountedBallot]) -> [ThresholdResult] {
        let arrivals = ballots.sorted(by: CountedBallot.arrivalOrder).map(\.receivedAt)
        return form.thresholds.map(\.count).sorted().map { count in
            ThresholdResult(count: count, reachedAt: count >= 1 && count <= arrivals.count ? arrivals[count - 1] : nil)
        }
    }
}
