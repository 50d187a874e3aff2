import Foundation
import Model

/// What `tally` counts: per form how many were submitted and the valid ballots as the count reads them; nothing else
/// of a submission is kept. Made from a verification in memory, or read back as `verify` stored it (`CountInputBytes`).
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

    private init(manifest: BallotManifest) {
        forms = Dictionary(manifest.forms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The input of a verification held in memory.
    public init(_ verification: Verification, manifest: BallotManifest) {
        self.init(manifest: manifest)
        for index in verification.records.indices {
            add(entry(verification.records[index], verdict: verification.verdicts[index].verdict, ballot: verification.ballots[index]))
        }
        sortByReceipt()
    }

    /// The input `CountInputBytes` read back: each form's submissions and valid ballots, already in receipt order.
    init(manifest: BallotManifest, submitted: [String: Int], ballots: [String: [CountedBallot]], unknownForm: Int) {
        self.init(manifest: manifest)
        self.submitted = submitted
        self.ballots = ballots
        self.unknownForm = unknownForm
        // As `add` moves it: only a later arrival.
        for ballot in ballots.values.joined() where ballot.receivedAt > (lastArrival ?? .distantPast) { lastArrival = ballot.receivedAt }
    }

    /// What one submission adds: its form, and when valid its ballot as counted, with the text its choices are shared under.
    private struct Entry {
        var form: String?
        var ballot: CountedBallot?
        var choiceKey: String?
    }

    /// `record` as counted (its arrival the one that counts), with its verdict and, when valid, its ballot.
    private func entry(_ record: SubmissionRecord, verdict: Verdict, ballot: CanonicalBallot?) -> Entry {
        guard let form = forms[record.form] else { return Entry() }
        guard verdict == .valid, let ballot, let received = ReceivedTime.parse(record.receivedAt) else { return Entry(form: form.id) }
        return Entry(form: form.id,
                     ballot: CountedBallot(receipt: record.receipt, items: ballot.items, receivedAt: received,
                                           voter: form.kind == .opinion ? record.publicKey : ""),
                     choiceKey: form.takesText ? nil : ballot.choices)
    }

    /// Adds what `entry` worked out; in the order of the submissions, as `lastArrival` and the shared choices are.
    private mutating func add(_ entry: Entry) {
        guard let form = entry.form else {
            unknownForm += 1
            return
        }
        submitted[form, default: 0] += 1
        guard var ballot = entry.ballot else { return }
        if ballot.receivedAt > (lastArrival ?? .distantPast) { lastArrival = ballot.receivedAt }
        if let key = entry.choiceKey {
            if let shared = choices[key] { ballot.items = shared } else { choices[key] = ballot.items }
        }
        ballots[form, default: []].append(ballot)
    }

    /// Puts each form's ballots in receipt order, so the count reads them in one order whatever order they came in.
    /// It sorts the receipts' bytes and then moves each ballot once, in place: a sort of the ballots themselves moved
    /// (and retained) each many times, and a sorted copy of a million would be the count's peak.
    mutating func sortByReceipt() {
        for form in Array(ballots.keys) {
            var list = ballots.removeValue(forKey: form)!
            // A valid ballot's receipt is 64 hex digits; the text breaks a tie of the others.
            let keys = list.map { Bytes32(hex: $0.receipt) ?? .zero }
            list.arrange(taking: list.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : list[$0].receipt < list[$1].receipt })
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

extension Array {
    /// Puts at each position i the element that was at `order[i]` (a permutation of the indices), in place: each
    /// cycle of the permutation is followed, one swap per element moved.
    mutating func arrange(taking order: [Int]) {
        var order = order
        for start in order.indices where order[start] != start {
            var current = start
            while order[current] != start {
                let next = order[current]
                swapAt(current, next)
                order[current] = current
                current = next
            }
            order[current] = current
        }
    }
}
