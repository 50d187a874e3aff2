import Foundation
import Model

/// What `tally` counts, gathered as submissions go by: per form how many were submitted and the valid ballots as
/// the count reads them; nothing else of a submission is kept.
public struct CountInput: Sendable {
    private(set) var submitted: [String: Int] = [:]
    private var ballots: [String: [CountedBallot]] = [:]
    public private(set) var unknownForm = 0
    /// When the last valid ballot arrived: the default `counted_at`, which the data alone fixes (and no rejected row,
    /// whose time a hostile file may set to any year, moves).
    public private(set) var lastArrival: Date?
    private let forms: [String: FormSpec]
    /// Equal choices share one array: a million ballots over a few dozen projects repeat a few thousand choices.
    private var choices: [String: [BallotItem]] = [:]

    public init(manifest: BallotManifest) {
        forms = Dictionary(manifest.forms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The input of a verification held in memory.
    public init(_ verification: Verification, manifest: BallotManifest) {
        self.init(manifest: manifest)
        for index in verification.records.indices {
            add(verification.records[index], verdict: verification.verdicts[index].verdict, ballot: verification.ballots[index])
        }
        sortByReceipt()
    }

    /// `record` as counted (its arrival the one that counts), with its verdict and, when valid, its ballot.
    public mutating func add(_ record: SubmissionRecord, verdict: Verdict, ballot: CanonicalBallot?) {
        guard let form = forms[record.form] else {
            unknownForm += 1
            return
        }
        submitted[form.id, default: 0] += 1
        guard verdict == .valid, let ballot, let received = ReceivedTime.parse(record.receivedAt) else { return }
        if received > (lastArrival ?? .distantPast) { lastArrival = received }
        var items = ballot.items
        if !form.takesText {
            let key = items.map(\.encoded).joined(separator: ",")
            if let shared = choices[key] { items = shared } else { choices[key] = items }
        }
        ballots[form.id, default: []].append(CountedBallot(receipt: record.receipt, items: items, receivedAt: received,
                                                           voter: form.kind == .opinion ? record.publicKey : ""))
    }

    /// Puts each form's ballots in receipt order, so the count reads them in one order whatever order they came in;
    /// in place, as a copy of a million would be the count's peak.
    mutating func sortByReceipt() {
        for form in Array(ballots.keys) {
            var list = ballots.removeValue(forKey: form)!
            // Receipts are lowercase hex, where the order of strings is the order of their bytes (and far quicker to take).
            list.sort { $0.receipt < $1.receipt }
            ballots[form] = list
        }
    }

    /// The valid ballots of `form`, in the order they were added (by receipt once sorted).
    func counted(_ form: String) -> [CountedBallot] { ballots[form] ?? [] }
}

private extension FormSpec {
    /// Whether its ballots carry free text, which no two participants share.
    var takesText: Bool { kind == .survey || kind == .proposal || kind == .comment }
}
