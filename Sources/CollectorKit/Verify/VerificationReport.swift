import Foundation
import Model

/// `verify --report`: counts per verdict and flag per form, and every rejected or flagged ballot with its reason.
public struct VerificationReport: Codable, Equatable, Sendable {
    public struct FormCounts: Codable, Equatable, Sendable {
        public var form: String
        public var submitted: Int
        public var valid: Int
        /// Rejected ballots per verdict.
        public var rejected: [String: Int]
        /// Flagged ballots per flag (they still count).
        public var flags: [String: Int]
    }

    public struct Entry: Codable, Equatable, Sendable {
        public var receipt: String
        public var form: String
        public var verdict: Verdict
        public var detail: String?
        public var flags: [BallotFlag]?
    }

    public var manifestHash: String
    public var revote: RevotePolicy
    public var submitted: Int
    public var valid: Int
    public var forms: [FormCounts]
    /// Rejected ballots, by form then receipt.
    public var rejected: [Entry]
    /// Valid ballots that carry flags, by form then receipt.
    public var flagged: [Entry]

    enum CodingKeys: String, CodingKey {
        case revote, submitted, valid, forms, rejected, flagged
        case manifestHash = "manifest_hash"
    }

    public init(_ list: VerdictList, manifest: BallotManifest, settings: VerifySettings) {
        var forms: [String: FormCounts] = [:]
        var rejected: [Entry] = []
        var flagged: [Entry] = []
        // Valid ballots without flags only add to their form's totals, counted by the form's number: a lookup by
        // form id for each was most of the report's time at a million ballots.
        var plain = [Int](repeating: 0, count: list.formIDs.count)
        for (index, verdict) in list.verdicts.enumerated() {
            if verdict.verdict == .valid, verdict.flags.isEmpty, list.odd[index] == nil {
                plain[Int(list.facts[index].form)] += 1
                continue
            }
            let form = list.form(index)
            var counts = forms[form] ?? FormCounts(form: form, submitted: 0, valid: 0, rejected: [:], flags: [:])
            counts.submitted += 1
            let entry = { Entry(receipt: list.receipt(index), form: form, verdict: verdict.verdict, detail: verdict.detail,
                                flags: verdict.flags.isEmpty ? nil : verdict.flags) }
            if verdict.verdict == .valid {
                counts.valid += 1
                if !verdict.flags.isEmpty { flagged.append(entry()) }
            } else {
                counts.rejected[verdict.verdict.rawValue, default: 0] += 1
                rejected.append(entry())
            }
            for flag in verdict.flags { counts.flags[flag.rawValue, default: 0] += 1 }
            forms[form] = counts
        }
        for (form, count) in zip(list.formIDs, plain) where count > 0 {
            var counts = forms[form] ?? FormCounts(form: form, submitted: 0, valid: 0, rejected: [:], flags: [:])
            counts.submitted += count
            counts.valid += count
            forms[form] = counts
        }
        let order = { (a: Entry, b: Entry) in (a.form, a.receipt) < (b.form, b.receipt) }
        manifestHash = manifest.hash
        revote = settings.revote
        submitted = list.count
        valid = forms.values.reduce(0) { $0 + $1.valid }
        self.forms = forms.values.sorted { $0.form < $1.form }
        self.rejected = rejected.sorted(by: order)
        self.flagged = flagged.sorted(by: order)
    }

    /// A few lines for the terminal: totals, then per form its rejections and flags.
    public var summary: String {
        var lines = ["\(submitted) ballots: \(valid) valid, \(submitted - valid) rejected (--revote \(revote.rawValue))"]
        for form in forms {
            var line = "  \(form.form): \(form.submitted) submitted, \(form.valid) valid"
            let reasons = form.rejected.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            if !reasons.isEmpty { line += "; rejected: " + reasons.joined(separator: ", ") }
            let flags = form.flags.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            if !flags.isEmpty { line += "; flagged: " + flags.joined(separator: ", ") }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
