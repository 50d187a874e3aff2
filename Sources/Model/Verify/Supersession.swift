import Foundation

/// Where a ballot stands among one participant's ballots: when it was signed (`issued`), then its receipt, so the
/// order is total and the outcome never depends on the order of the input. Nothing unsigned takes part: an arrival
/// time is a file's claim, and a hostile file's would decide which of two ballots signed in the same second counts.
public struct RevoteOrder: Comparable, Sendable {
    public var issued: Double
    public var receipt: Bytes32

    public init(issued: Date, receipt: Bytes32) {
        self.issued = issued.timeIntervalSince1970
        self.receipt = receipt
    }

    public static func < (a: RevoteOrder, b: RevoteOrder) -> Bool {
        a.issued != b.issued ? a.issued < b.issued : a.receipt < b.receipt
    }
}

/// The rule "one ballot per participant": per group, the last (or first) ballot counts.
public enum Supersession {
    /// For each of `candidates` that does not count, paired with the one that counts instead. `group` says whose
    /// ballot a candidate is (a public key, an identity digest); by sorting, not by a table per group, so a million
    /// candidates cost a few megabytes. Inlinable, so `verify` sorts a million of its own groups without a generic
    /// call for each comparison.
    @inlinable
    public static func losers<Group: Comparable>(_ candidates: [Int], group: (Int) -> Group, order: (Int) -> RevoteOrder,
                                                 policy: RevotePolicy) -> [(loser: Int, winner: Int)] {
        let sorted = candidates.sortedOnEveryCore { a, b in
            let (groupA, groupB) = (group(a), group(b))
            return groupA != groupB ? groupA < groupB : order(a) < order(b)
        }
        var result: [(loser: Int, winner: Int)] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, group(sorted[end]) == group(sorted[start]) { end += 1 }
            let winner = policy == .last ? sorted[end - 1] : sorted[start]
            for index in sorted[start..<end] where index != winner { result.append((index, winner)) }
            start = end
        }
        return result
    }
}

/// Identity fields as compared for deduplication: case and runs of spaces do not make two people.
public enum IdentityKey {
    /// The fields a form declares (checkboxes left out: they say nothing about who signed), normalised and joined;
    /// nil when none of them is filled in.
    public static func key(_ values: [String: String], fields: [IdentityField]) -> String? {
        var parts: [String] = []
        for field in fields.sorted(by: { $0.id < $1.id }) where field.kind != .checkbox {
            parts.append(field.id + "=" + normalise(values[field.id] ?? ""))
        }
        guard parts.contains(where: { !$0.hasSuffix("=") }) else { return nil }
        return parts.joined(separator: "\u{1F}")
    }

    public static func normalise(_ value: String) -> String {
        value.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
