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
/// Per ballot, in parallel on every core: form, canonical text, receipt and signature, roll, arrival inside the
/// window by its sightings, the form's rule and identity fields. Then, per form: one ballot per key (`revote`),
/// one per identity on `open` forms, and the rate flags.
public struct BallotVerifier: Sendable {
    public let manifest: BallotManifest
    public let rolls: Rolls
    public let settings: VerifySettings
    private let forms: [String: FormSpec]

    public init(manifest: BallotManifest, rolls: Rolls, settings: VerifySettings) {
        self.manifest = manifest
        self.rolls = rolls
        self.settings = settings
        self.forms = Dictionary(manifest.forms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The verdict of every record. `sightings`: every file's claim about a receipt seen more than once (a record
    /// without is seen once, as its row says); `identities`: the identity fields, or what a bundle says of them;
    /// `signatures`: check each, or take the stored verdicts' word for them (`VerifyRun.current`).
    public func verify(_ records: [SubmissionRecord], sightings: [String: [Sighting]] = [:],
                       identities: IdentityEvidence = .anyKey, signatures: SignatureCheck = .verify) -> Verification {
        var judged = [Judged?](repeating: nil, count: records.count)
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let chunk = max(1, (records.count + workers * 16 - 1) / (workers * 16))
        judged.withUnsafeMutableBufferPointer { buffer in
            let output = buffer
            DispatchQueue.concurrentPerform(iterations: (records.count + chunk - 1) / chunk) { part in
                for index in (part * chunk)..<min(records.count, (part + 1) * chunk) {
                    let record = records[index]
                    output[index] = check(record, sightings: sightings[record.receipt] ?? [Sighting(record)], identities: identities, signatures: signatures)
                }
            }
        }
        let resolved = judged.map { $0!.record }
        var verdicts = judged.map { $0!.verdict }
        let ballots = judged.map { $0!.ballot }
        let published = judged.map { $0!.identity }
        var byForm: [String: [Int]] = [:]
        for index in resolved.indices where forms[resolved[index].form] != nil { byForm[resolved[index].form, default: []].append(index) }
        for (formID, indices) in byForm {
            let form = forms[formID]!
            supersede(indices, form: form, records: resolved, ballots: ballots, verdicts: &verdicts)
            if form.eligibility == .open {
                deduplicateIdentities(indices, records: resolved, ballots: ballots, identities: published, verdicts: &verdicts)
            }
            flag(indices, form: form, records: resolved, ballots: ballots, verdicts: &verdicts)
        }
        return Verification(records: resolved, verdicts: verdicts, ballots: ballots, identities: published, sightings: sightings)
    }

    /// One record's verdict before the others are looked at, with the record as counted.
    private struct Judged {
        var record: SubmissionRecord
        var verdict: BallotVerdict
        var ballot: CanonicalBallot?
        var identity = PublishedIdentity()
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
        guard signed.receipt == record.receipt else { return refuse(.badSignature, "the receipt is not the SHA-256 of the signature", ballot) }
        guard signatures.holds(signed, receipt: record.receipt) else { return refuse(.badSignature, "the signature does not verify", ballot) }
        if form.eligibility == .roll, let roll = form.roll, rolls.keys[roll]?.contains(record.publicKey) != true {
            return refuse(.keyNotInRoll, "the key is not on roll `\(roll)`", ballot)
        }
        let times = sightings.map { ReceivedTime.parse($0.receivedAt) }
        var counted = record
        switch Arrival.judge(issued: ballot.issued, received: times, form: form, tolerance: settings.tolerance) {
        case .unreadable:
            return refuse(.outsideWindow, "received_at `\(record.receivedAt)` is not an ISO 8601 UTC time", ballot)
        case .issuedAfterReceived:
            return refuse(.issuedAfterReceived, "issued \(UTCSecond.format(ballot.issued)), but every collector that stored it received it earlier: "
                          + sightings.map(\.receivedAt).sorted().joined(separator: ", "), ballot)
        case .outsideWindow:
            let window = (form.opens.map(UTCSecond.format) ?? "the start") + " to " + (form.closes.map(UTCSecond.format) ?? "the end")
            return refuse(.outsideWindow, "received \(sightings.map(\.receivedAt).sorted().joined(separator: ", ")), the form was open from \(window)", ballot)
        case .inWindow(let first):
            let counting = sightings.filter { ReceivedTime.parse($0.receivedAt) == first }.min(by: Sighting.precedes)!
            counted = counting.applied(to: record)
        }
        var flags: [BallotFlag] = []
        var notes: [String] = []
        if !Arrival.agrees(issued: ballot.issued, received: times, form: form, tolerance: settings.tolerance) {
            flags.append(.contestedArrival)
            notes.append("its files disagree on when it arrived: " + sightings.map { "\($0.receivedAt) (\(Self.origin($0)))" }.sorted().joined(separator: ", "))
        }
        if Set(sightings.map(\.identity)).count > 1 {
            flags.append(.contestedIdentity)
            notes.append("its files hold different identity fields: " + sightings.map(Self.origin).sorted().joined(separator: ", "))
            counted.identity = nil
        }
        let judged = { (verdict: Verdict, detail: String?) in
            Judged(record: counted, verdict: BallotVerdict(verdict, detail: detail ?? (notes.isEmpty ? nil : notes.joined(separator: "; ")), flags: flags),
                   ballot: ballot)
        }
        if let refusal = BallotRules.check(ballot.items, form: form) { return judged(.breaksRule, Self.describe(refusal)) }
        guard form.eligibility == .open, !flags.contains(.contestedIdentity) else { return judged(.valid, nil) }
        let identity = identities.judge(counted, form: form)
        var result = judged(identity.refused == nil ? .valid : .breaksRule, identity.refused)
        result.identity = identity
        return result
    }

    /// Where a sighting comes from, in a report.
    private static func origin(_ sighting: Sighting) -> String {
        "collector `\(sighting.collectorID)`" + (sighting.source.isEmpty ? "" : " in \(sighting.source)")
    }

    /// One ballot per public key per form counts: the last or first issued. In an opinion conversation a participant
    /// reacts to one statement per ballot with the same key (`OpinionRules`), so there it is one per key per statement.
    private func supersede(_ indices: [Int], form: FormSpec, records: [SubmissionRecord], ballots: [CanonicalBallot?],
                           verdicts: inout [BallotVerdict]) {
        let candidates = indices.filter { verdicts[$0].verdict == .valid }.map { index in
            let statement = form.kind == .opinion ? "|" + ballots[index]!.items[0].parts[0] : ""
            return RevoteCandidate(index: index, group: records[index].publicKey + statement, issued: ballots[index]!.issued,
                                   receivedAt: records[index].receivedAt, receipt: records[index].receipt)
        }
        for (loser, winner) in Supersession.losers(candidates, policy: settings.revote) {
            verdicts[loser].verdict = .superseded
            verdicts[loser].detail = "the same key's ballot \(records[winner].receipt) counts instead (--revote \(settings.revote.rawValue))"
        }
    }

    /// On `open` forms, one ballot per person: ballots whose identity digests are equal.
    private func deduplicateIdentities(_ indices: [Int], records: [SubmissionRecord], ballots: [CanonicalBallot?], identities: [PublishedIdentity],
                                       verdicts: inout [BallotVerdict]) {
        let candidates = indices.compactMap { index -> RevoteCandidate? in
            guard verdicts[index].verdict == .valid, let digest = identities[index].digest else { return nil }
            return RevoteCandidate(index: index, group: digest, issued: ballots[index]!.issued, receivedAt: records[index].receivedAt,
                                   receipt: records[index].receipt)
        }
        for (loser, winner) in Supersession.losers(candidates, policy: settings.revote) {
            verdicts[loser].verdict = .duplicateIdentity
            verdicts[loser].detail = "the same identity's ballot \(records[winner].receipt) counts instead"
        }
    }

    private func flag(_ indices: [Int], form: FormSpec, records: [SubmissionRecord], ballots: [CanonicalBallot?], verdicts: inout [BallotVerdict]) {
        let limits = settings.limits
        guard limits.perAddress != nil || limits.perEmailDomain != nil || limits.fastestSeconds != nil else { return }
        let emailField = form.identityFields.first { $0.kind == .email }?.id
        let measured = indices.filter { ballots[$0] != nil }
        let samples = measured.map { index in
            let record = records[index]
            let email = emailField.flatMap { field in record.identity.flatMap(IdentityEvidence.values)?[field] }
            return RateSample(addressHash: record.clientHash.isEmpty ? nil : record.clientHash, emailDomain: email.flatMap(RateFlags.emailDomain),
                              issued: ballots[index]!.issued, receivedAt: ReceivedTime.parse(record.receivedAt))
        }
        for (index, flags) in zip(measured, RateFlags.flags(samples, limits: limits)) { verdicts[index].flags = (verdicts[index].flags + flags).sorted() }
    }

    static func describe(_ refusal: Refusal) -> String {
        var text = refusal.code.rawValue
        if let field = refusal.field { text += " (\(field))" }
        return text + ": " + Messages.message(refusal.code, language: "en")
    }
}
