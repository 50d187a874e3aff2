import Foundation
import Model

/// What the per-form rules (one ballot per key, per person, rate flags) need of one checked ballot, in a few words,
/// so that a million fit in memory while the submissions themselves stream by.
struct BallotFacts: Sendable {
    // The small numbers first, packed together ahead of the wider fields.
    /// Index of the form among the verifier's forms; -1 for a form the manifest lacks.
    var form: Int32 = -1
    /// On an opinion form, the index of the statement the ballot reacts to.
    var statement: Int32 = -1
    /// The address hash and email domain as small numbers, for the rate flags (`Interned`); -1 when unknown.
    var address: Int32 = -1
    var domain: Int32 = -1
    /// The ballot's choices among its form's distinct ones (`VerdictList.choices`); -1 when it has none to count.
    var choices: Int32 = -1
    var receipt = Bytes32.zero
    var key = Bytes32.zero
    var issued = Date.distantPast
    /// The arrival the count uses.
    var received = Date.distantPast
    var identity: Bytes32?

    var order: RevoteOrder { RevoteOrder(issued: issued, receipt: receipt) }
}

/// Strings numbered in order of first sight, so facts hold an Int32 for each.
struct Interned {
    private var numbers: [String: Int32] = [:]

    /// The strings, each at its number.
    var texts: [String] {
        var texts = [String](repeating: "", count: numbers.count)
        for (text, number) in numbers { texts[Int(number)] = text }
        return texts
    }

    mutating func number(_ text: String?) -> Int32 {
        guard let text else { return -1 }
        if let number = numbers[text] { return number }
        let number = Int32(numbers.count)
        numbers[text] = number
        return number
    }
}

/// Every submission's verdict, without the submissions: what `verify` stores and reports.
public struct VerdictList: Sendable {
    public let verdicts: [BallotVerdict]
    let facts: [BallotFacts]
    /// Receipts and form ids the facts cannot hold (not 64 hex digits; a form the manifest lacks), by index.
    let odd: [Int: (receipt: String, form: String)]
    let formIDs: [String]
    /// Per form, the distinct `choices=` lines of its ballots, at the numbers the facts give them.
    let choices: [[String]]

    public var count: Int { verdicts.count }

    public func receipt(_ index: Int) -> String { odd[index]?.receipt ?? facts[index].receipt.hex }

    public func form(_ index: Int) -> String { odd[index]?.form ?? formIDs[Int(facts[index].form)] }
}

extension Bytes32 {
    static let zero = Bytes32([UInt8](repeating: 0, count: 32))!
}
