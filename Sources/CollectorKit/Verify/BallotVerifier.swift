import Foundation
import Model

/// Whether each signature is checked, or known from a verification of the same inputs.
public enum SignatureCheck: Sendable {
    case verify
    /// The receipts whose signature did not verify; every other one did.
    case known(bad: Set<String>)

    func holds(_ signed: SignedBallot, receipt: String) -> Bool {
        switch self {
        case .verify: return signed.isSignatureValid
        case .known(let bad): return !bad.contains(receipt)
        }
    }
}

/// Offline verification: every stored submission against the manifest, the rolls and the other submissions.
///
/// Per ballot, in parallel on every core: form, canonical text, receipt and signature, roll, credential, arrival inside the
/// window by its sightings, the form's rule and identity fields. Then, per form: one ballot per key (`revote`),
/// one per identity on `open` forms, and the rate flags.
public struct BallotVerifier: Sendable {
    public let manifest: BallotManifest
    public let rolls: Rolls
    public let settings: VerifySettings
    private let forms: [String: FormSpec]
    private let formIndex: [String: Int]
    private let rollKeys: RollKeys
    /// Read once per form; a form whose key cannot be read has none, and each of its ballots says so.
    private let issuers: [String: IssuerKey]
    private let filers: [String: IssuerKey]

    public init(manifest: BallotManifest, rolls: Rolls, settings: VerifySettings) {
        self.manifest = manifest
        self.rolls = rolls
        rollKeys = rolls.keys
        issuers = manifest.readableIssuerKeys
        filers = manifest.readableFilerKeys
        self.settings = settings
        self.forms = Dictionary(manifest.forms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.formIndex = Dictionary(manifest.forms.indices.map { (manifest.forms[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The verdict of every record, kept in memory with the records as counted, their ballots and identities.
    /// `sightings`: every file's claim about a receipt seen more than once (a record without is seen once, as its row
    /// says); `identities`: the identity fields, or what a bundle says of them; `signatures`: check each, or take
    /// the stored verdicts' word for them (`VerifyRun.current`).
    public func verify(_ records: [SubmissionRecord], sightings: [String: [Sighting]] = [:], identities: IdentityEvidence = .anyKey,
                       signatures: SignatureCheck = .verify) -> Verification {
        var gathered = Gathered(forms: manifest.forms.count)
        let judged = judgeAll(records, sightings: sightings, identities: identities, signatures: signatures)
        gathered.add(judged, verifier: self)
        return Verification(records: judged.map(\.record), list: decide(gathered), ballots: judged.map(\.ballot),
                            identities: judged.map(\.identity), sightings: sightings)
    }

    /// The verdict of every record `next` hands over, a chunk at a time; only a few words of each are kept.
    public func verify(chunks next: () throws -> [SubmissionRecord]?, sightings: [String: [Sighting]] = [:],
                       identities: IdentityEvidence, signatures: SignatureCheck = .verify) rethrows -> VerdictList {
        let gathering = Gathering(Gathered(forms: manifest.forms.count))
        while let chunk = try next() {
            gathering.add(judgeAll(chunk, sightings: sightings, identities: identities, signatures: signatures), verifier: self)
        }
        return decide(gathering.finished())
    }

    /// Gathers each judged chunk, and lets go of its records, on a thread of its own while the next chunk is judged:
    /// done in between, it left a core idle for a fiftieth of `verify`'s time.
    private final class Gathering: @unchecked Sendable {
        private let queue = DispatchQueue(label: "gather")
        // Written on `queue` only.
        private var gathered: Gathered

        init(_ gathered: Gathered) { self.gathered = gathered }

        func add(_ judged: [Judged], verifier: BallotVerifier) {
            queue.async { self.gathered.add(judged, verifier: verifier) }
        }

        func finished() -> Gathered { queue.sync { gathered } }
    }

    /// Each record's verdict before the others are looked at, on every core.
    private func judgeAll(_ records: [SubmissionRecord], sightings: [String: [Sighting]], identities: IdentityEvidence,
                          signatures: SignatureCheck) -> [Judged] {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let chunk = max(1, (records.count + workers * 16 - 1) / (workers * 16))
        // Each judged record made in its place: an array of optionals unwrapped afterwards copied every record once more,
        // on one core.
        return [Judged](unsafeUninitializedCapacity: records.count) { buffer, initialized in
            let output = buffer
            DispatchQueue.concurrentPerform(iterations: (records.count + chunk - 1) / chunk) { part in
                for index in (part * chunk)..<min(records.count, (part + 1) * chunk) {
                    let record = records[index]
                    var judged = check(record, sightings: sightings[record.receipt] ?? [Sighting(record)], identities: identities, signatures: signatures)
                    judged.facts = facts(judged)
                    if judged.facts.form >= 0 { judged.choices = judged.ballot?.choices }
                    (output.baseAddress! + index).initialize(to: judged)
                }
            }
            initialized = records.count
        }
    }

    /// What the per-form rules read, gathered chunk by chunk.
    private struct Gathered {
        var verdicts: [BallotVerdict] = []
        var facts: [BallotFacts] = []
        var odd: [Int: (receipt: String, form: String)] = [:]
        var addresses = Interned()
        var domains = Interned()
        var choices: [Interned]

        init(forms: Int) { choices = Array(repeating: Interned(), count: forms) }

        mutating func add(_ judged: [Judged], verifier: BallotVerifier) {
            let limits = verifier.settings.limits
            for item in judged {
                let record = item.record
                var facts = item.facts
                if facts.form < 0 || facts.receipt == .zero { odd[verdicts.count] = (record.receipt, record.form) }
                if facts.form >= 0, item.ballot != nil {
                    facts.choices = choices[Int(facts.form)].number(item.choices)
                    if limits.perAddress != nil { facts.address = addresses.number(record.clientHash.isEmpty ? nil : record.clientHash) }
                    if limits.perEmailDomain != nil,
                       let field = verifier.manifest.forms[Int(facts.form)].identityFields.first(where: { $0.kind == .email })?.id {
                        facts.domain = domains.number(record.identity.flatMap(IdentityEvidence.values)?[field].flatMap(RateFlags.emailDomain))
                    }
                }
                verdicts.append(item.verdict)
                self.facts.append(facts)
            }
        }
    }

    /// What the per-form rules read of a judged record (all but the rate flags' numbers, given out in order).
    private func facts(_ judged: Judged) -> BallotFacts {
        let record = judged.record
        var facts = BallotFacts()
        facts.form = formIndex[record.form].map(Int32.init) ?? -1
        if let receipt = judged.receipt ?? Bytes32(hex: record.receipt) { facts.receipt = receipt }
        guard let ballot = judged.ballot, facts.form >= 0 else { return facts }
        let form = manifest.forms[Int(facts.form)]
        facts.key = judged.key
        facts.issued = ballot.issued
        facts.received = judged.received ?? ReceivedTime.parse(record.receivedAt) ?? .distantPast
        if form.kind == .opinion, let statement = ballot.items.first?.parts.first {
            facts.statement = form.options.firstIndex { $0.id == statement }.map(Int32.init) ?? -1
        }
        facts.identity = judged.identity.digest.flatMap { Bytes32(hex: $0) }
        return facts
    }

    /// The rules that look at several ballots of a form: one per key (per statement on opinion forms), one per
    /// identity on `open` forms, and the rate flags.
    private func decide(_ gathered: Gathered) -> VerdictList {
        var verdicts = gathered.verdicts
        let facts = gathered.facts
        var byForm = [[Int]](repeating: [], count: manifest.forms.count)
        for index in facts.indices where facts[index].form >= 0 { byForm[Int(facts[index].form)].append(index) }
        let receipt = { (index: Int) in gathered.odd[index]?.receipt ?? facts[index].receipt.hex }
        for (formIndex, indices) in byForm.enumerated() where !indices.isEmpty {
            let form = manifest.forms[formIndex]
            let valid = { indices.filter { verdicts[$0].verdict == .valid } }
            for (loser, winner) in Supersession.losers(valid(), group: { Participant(key: facts[$0].key, statement: facts[$0].statement) },
                                                       order: { facts[$0].order }, policy: settings.revote) {
                verdicts[loser].verdict = .superseded
                verdicts[loser].detail = "the same key's ballot \(receipt(winner)) counts instead (--revote \(settings.revote.rawValue))"
                if let mine = facts[loser].identity, let theirs = facts[winner].identity, mine != theirs {
                    verdicts[loser].flags = (verdicts[loser].flags + [.otherIdentity]).sorted()
                }
            }
            if form.eligibility == .open {
                for (loser, winner) in Supersession.losers(valid().filter { facts[$0].identity != nil }, group: { facts[$0].identity! },
                                                           order: { facts[$0].order }, policy: settings.revote) {
                    verdicts[loser].verdict = .duplicateIdentity
                    verdicts[loser].detail = "the same identity's ballot \(receipt(winner)) counts instead"
                }
            }
            flag(indices.filter { facts[$0].issued != .distantPast }, facts: facts, verdicts: &verdicts)
        }
        return VerdictList(verdicts: verdicts, facts: facts, odd: gathered.odd, formIDs: manifest.forms.map(\.id),
                           choices: gathered.choices.map(\.texts))
    }

    /// Whose ballot it is, as the rule "one per key" sees it.
    private struct Participant: Comparable {
        var key: Bytes32
        var statement: Int32

        static func < (a: Participant, b: Participant) -> Bool { a.key != b.key ? a.key < b.key : a.statement < b.statement }
    }

    private func flag(_ indices: [Int], facts: [BallotFacts], verdicts: inout [BallotVerdict]) {
        let limits = settings.limits
        guard limits.perAddress != nil || limits.perEmailDomain != nil || limits.fastestSeconds != nil else { return }
        // Small numbers as text stay inside the string, so a million samples allocate nothing for them.
        let samples = indices.map { index in
            let facts = facts[index]
            return RateSample(addressHash: facts.address < 0 ? nil : String(facts.address), emailDomain: facts.domain < 0 ? nil : String(facts.domain),
                              issued: facts.issued, receivedAt: facts.received == .distantPast ? nil : facts.received)
        }
        for (index, flags) in zip(indices, RateFlags.flags(samples, limits: limits)) where !flags.isEmpty {
            verdicts[index].flags = (verdicts[index].flags + flags).sorted()
        }
    }

    /// One record's verdict before the others are looked at, with the record as counted.
    private struct Judged {
        var record: SubmissionRecord
        var verdict: BallotVerdict
        var ballot: CanonicalBallot?
        var identity = PublishedIdentity()
        var facts = BallotFacts()
        /// The public key, decoded once by `check` for the roll and kept for the facts.
        var key = Bytes32.zero
        /// The ballot's `choices=` line, made on the judging thread and numbered per form as the facts are gathered.
        var choices: String?
        /// The stored receipt's bytes and the arrival counted, when `check` read them: `facts` reads neither again.
        var receipt: Bytes32?
        var received: Date?
    }

    /// The checks that need only the ballot and its own sightings.
    private func check(_ record: SubmissionRecord, sightings: [Sighting], identities: IdentityEvidence, signatures: SignatureCheck) -> Judged {
        let refuse = { (verdict: Verdict, detail: String, ballot: CanonicalBallot?) in Judged(record: record, verdict: BallotVerdict(verdict, detail: detail), ballot: ballot) }
        guard let form = forms[record.form] else { return refuse(.unknownForm, "no form `\(record.form)` in the manifest", nil) }
        let ballot: CanonicalBallot
        do {
            ballot = try CanonicalBallot.parse(record.ballot)
        } catch {
            return refuse(.notCanonical, error.description, nil)
        }
        guard ballot.form == form.id else { return refuse(.notCanonical, "the ballot is for form `\(ballot.form)`", nil) }
        guard let key = Base64URL.decode(record.publicKey), key.count == SignedBallot.publicKeyLength else {
            return refuse(.badSignature, "the public key is not 32 bytes of base64url", ballot)
        }
        guard let signature = Base64URL.decode(record.signature), signature.count == SignedBallot.signatureLength else {
            return refuse(.badSignature, "the signature is not 64 bytes of base64url", ballot)
        }
        let signed = SignedBallot(text: record.ballot, publicKey: key, signature: signature)
        // As comparing `signed.receipt`, lowercase hex, with the stored text: `Bytes32(hex:)` reads only lowercase.
        let receipt = Bytes32(hex: record.receipt)
        guard receipt == signed.receiptBytes else {
            return refuse(.badSignature, "the receipt is not the SHA-256 of the signature", ballot)
        }
        guard signatures.holds(signed, receipt: record.receipt) else { return refuse(.badSignature, "the signature does not verify", ballot) }
        let keyBytes = Bytes32(key)!
        if form.eligibility == .roll, let roll = form.roll, !rollKeys.contains(keyBytes, roll: roll) {
            return refuse(.keyNotInRoll, "the key is not on roll `\(roll)`", ballot)
        }
        if let problem = Credential.problem(ballot, publicKey: key, form: form, issuer: issuers[form.id]) {
            return refuse(.badCredential, problem.description + (form.roll.map { " (roll `\($0)`)" } ?? ""), ballot)
        }
        let times = sightings.map { ReceivedTime.parse($0.receivedAt) }
        var counted = record
        var received: Date?
        let (arrival, counting) = arrival(sightings, times: times, ballot: ballot, form: form)
        switch arrival {
        case .unreadable:
            return refuse(.outsideWindow, "received_at `\(record.receivedAt.prefix(40))` is not an ISO 8601 UTC time", ballot)
        case .issuedAfterReceived:
            return refuse(.issuedAfterReceived, "issued \(UTCSecond.format(ballot.issued)), but every collector that stored it received it earlier: "
                          + Self.listed(sightings.map(\.receivedAt)), ballot)
        case .outsideWindow:
            let window = (form.opens.map(UTCSecond.format) ?? "the start") + " to " + (form.closes.map(UTCSecond.format) ?? "the end")
            return refuse(.outsideWindow, "received \(Self.listed(sightings.map(\.receivedAt))), the form was open from \(window)", ballot)
        case .inWindow(let first):
            counted = counting!.applied(to: record)
            received = first
        }
        var flags: [BallotFlag] = []
        var notes: [String] = []
        if !Arrival.agrees(issued: ballot.issued, received: times, form: form, tolerance: settings.tolerance) {
            flags.append(.contestedArrival)
            notes.append("its files disagree on when it arrived: " + Self.listed(sightings.map { "\($0.receivedAt) (\(Self.origin($0)))" }))
        }
        // Fields that name the same person (case, spaces) do not contest anything: only a different person does.
        if form.eligibility == .open, Set(sightings.map { $0.identity.map { Self.person($0, form: form) } }).count > 1 {
            if form.attestsFilers {
                // Only an attested identity names a filer: a copy of the filing with another one (a hostile file)
                // neither takes the name away nor puts another in.
                let attested = Set(sightings.compactMap(\.identity).filter { IdentityEvidence.attests($0, publicKey: key, form: form, filer: filers[form.id]) })
                guard attested.count == 1, let identity = attested.first else {
                    return refuse(.breaksRule, "its files hold different identity fields, of which \(attested.isEmpty ? "none" : "more than one") "
                                  + "is attested by the filing key of roll `\(form.roll ?? "")`: " + Self.listed(sightings.map(Self.origin)), ballot)
                }
                counted.identity = identity
                notes.append("its files hold different identity fields; the attested one counts: " + Self.listed(sightings.map(Self.origin)))
            } else {
                flags.append(.contestedIdentity)
                notes.append("its files hold different identity fields: " + Self.listed(sightings.map(Self.origin)))
                counted.identity = nil
            }
        }
        let judged = { (verdict: Verdict, detail: String?) in
            Judged(record: counted, verdict: BallotVerdict(verdict, detail: detail ?? (notes.isEmpty ? nil : notes.joined(separator: "; ")), flags: flags),
                   ballot: ballot, key: keyBytes, receipt: receipt, received: received)
        }
        if let refusal = BallotRules.check(ballot.items, form: form) { return judged(.breaksRule, Self.describe(refusal)) }
        guard form.eligibility == .open, !flags.contains(.contestedIdentity) else { return judged(.valid, nil) }
        let identity = identities.judge(counted, form: form, filer: filers[form.id])
        var result = judged(identity.refused == nil ? .valid : .breaksRule, identity.refused)
        result.identity = identity
        return result
    }

    /// How the sightings place the ballot (`Arrival`), and the one it counts by: of the possible ones inside the
    /// window, the earliest (the first by bytes among equal times).
    private func arrival(_ sightings: [Sighting], times: [Date?], ballot: CanonicalBallot, form: FormSpec) -> (Arrival, Sighting?) {
        let arrival = Arrival.judge(issued: ballot.issued, received: times, form: form, tolerance: settings.tolerance)
        guard case .inWindow(let first) = arrival else { return (arrival, nil) }
        if sightings.count == 1 { return (arrival, sightings[0]) }
        return (arrival, zip(sightings, times).filter { $0.1 == first }.map(\.0).min(by: Sighting.precedes))
    }

    /// Whom identity fields name, as one-per-person compares them; the text itself when it is not a JSON object.
    private static func person(_ identity: String, form: FormSpec) -> String {
        IdentityEvidence.values(identity).map { IdentityKey.key($0, fields: form.identityFields) ?? "" } ?? "?" + identity
    }

    /// The first few of `items`, sorted, and how many more: a hostile file's thousand sightings make one line.
    private static func listed(_ items: [String]) -> String {
        let sorted = items.sorted()
        return sorted.prefix(4).joined(separator: ", ") + (sorted.count > 4 ? " and \(sorted.count - 4) more" : "")
    }

    /// Where a sighting comes from, in a report.
    private static func origin(_ sighting: Sighting) -> String {
        "collector `\(sighting.collectorID)`" + (sighting.source.isEmpty ? "" : " in \(sighting.source)")
    }

    /// The refusal's code and field, as docs/BALLOT.md lists the codes: tellers' reports carry no participant's wording.
    static func describe(_ refusal: Refusal) -> String {
        var text = refusal.code.rawValue
        if let field = refusal.field { text += " (\(field))" }
        return text
    }
}
