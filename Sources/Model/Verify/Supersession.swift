import Foundation

/// A ballot competing with others of the same credential or identity.
public struct RevoteCandidate: Sendable {
    /// Index of the ballot in the caller's list.
    public var index: Int
    /// What makes ballots the same participant's: a public key, or normalised identity fields.
    public var group: String
    /// When it was signed (`issued=`), then when it was received, then its receipt settle the order.
    public var issued: Date
    public var receivedAt: String
    public var receipt: String

    public init(index: Int, group: String, issued: Date, receivedAt: String, receipt: String) {
        self.index = index
        self.group = group
        self.issued = issued
        self.receivedAt = receivedAt
        self.receipt = receipt
    }
}

/// The rule "one ballot per participant": per group, the last (or first) ballot counts.
public enum Supersession {
    /// For each candidate that does not count, the index of the one that counts instead.
    public static func losers(_ candidates: [RevoteCandidate], policy: RevotePolicy) -> [Int: Int] {
        var best: [String: RevoteCandidate] = [:]
        for candidate in candidates {
            guard let current = best[candidate.group] else {
                best[candidate.group] = candidate
                continue
            }
            let later = isLater(candidate, than: current)
            if later == (policy == .last) { best[candidate.group] = candidate }
        }
        var result: [Int: Int] = [:]
        for candidate in candidates {
            let winner = best[candidate.group]!
            if winner.index != candidate.index { result[candidate.index] = winner.index }
        }
        return result
    }

    /// Issued time first; receipts make the order total, so the outcome never depends on the order of the input.
    static func isLater(_ a: RevoteCandidate, than b: RevoteCandidate) -> Bool {
        if a.issued != b.issued { return a.issued > b.issued }
        if a.receivedAt != b.receivedAt { return b.receivedAt.utf8.lexicographicallyPrecedes(a.receivedAt.utf8) }
        return b.receipt.utf8.lexicographicallyPrecedes(a.receipt.utf8)
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
