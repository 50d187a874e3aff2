import Foundation

/// A valid ballot as the tally reads it: its choices and when it arrived.
public struct CountedBallot: Equatable, Sendable {
    public var receipt: String
    public var items: [BallotItem]
    /// When the collector stored it; petitions date their thresholds by it, supports stop accruing by it.
    public var receivedAt: Date
    /// The public key that signed it: an opinion conversation links a participant's votes by it.
    public var voter: String

    public init(receipt: String, items: [BallotItem], receivedAt: Date, voter: String = "") {
        self.receipt = receipt
        self.items = items
        self.receivedAt = receivedAt
        self.voter = voter
    }

    /// Arrival order, receipts settling equal times, so time-based rules never depend on the order of the input.
    static func arrivalOrder(_ a: CountedBallot, _ b: CountedBallot) -> Bool {
        a.receivedAt != b.receivedAt ? a.receivedAt < b.receivedAt : a.receipt < b.receipt
    }
}

/// One free-text answer, for the CSV beside a survey's or a proposal form's result.
public struct TextAnswer: Equatable, Sendable {
    public var receipt: String
    /// The question id, or `title`, `text`, `author` for proposals and comments.
    public var question: String
    public var text: String

    public init(receipt: String, question: String, text: String) {
        self.receipt = receipt
        self.question = question
        self.text = text
    }
}
