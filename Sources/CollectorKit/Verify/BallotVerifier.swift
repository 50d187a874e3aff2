import Foundation
import Model

/// Offline verification: every stored submission against the manifest, the rolls and the other submissions.
///
/// Per ballot, in parallel on every core: form, canonical text, receipt and signature, roll, window, the form's
/// rule and identity fields. Then, per form: one ballot per key (`revote`), one per identity on `open` forms,
/// and the rate flags.
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

    /// The verdict of every record. `recordedDuplicates` (receipt -> detail) stands in for identity fields that an
    /// audit bundle leaves out: those ballots keep the `duplicate_identity` verdict the original count gave them.
    public func verify(_ records: [SubmissionRecord], recordedDuplicates: [String: String] = [:]) -> Verification {
        var verdicts = [BallotVerdict](repeating: BallotVerdict(.valid), count: records.count)
        var ballots = [CanonicalBallot?](repeating: nil, count: records.count)
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let chunk = max(1, (records.count + workers * 16 - 1) / (workers * 16))
        verdicts.withUnsafeMutableBufferPointer { verdictBuffer in
            ballots.withUnsafeMutableBufferPointer { ballotBuffer in
                let (verdictOut, ballotOut) = (verdictBuffer, ballotBuffer)
                DispatchQueue.concurrentPerform(iterations: (records.count + chunk - 1) / chunk) { part in
                    for index in (part * chunk)..<min(records.count, (part + 1) * chunk) {
                        (verdictOut[index], ballotOut[index]) = check(records[index])
                    }
                }
            }
        }
        var byForm: [String: [Int]] = [:]
        for index in records.indices where forms[records[index].form] != nil { byForm[records[index].form, default: []].append(index) }
        for (formID, indices) in byForm {
            let form = forms[formID]!
            supersede(indices, form: form, records: records, ballots: ballots, verdicts: &verdicts)
            if form.eligibility == .open {
                deduplicateIdentities(indices, form: form, records: records, ballots: ballots, verdicts: &verdicts, recorded: recordedDuplicates)
            }
            flag(indices, form: form, records: records, ballots: ballots, verdicts: &verdicts)
        }
        return Verification(records: records, verdicts: verdicts, ballots: ballots)
    }

    /// The checks that need only the ballot itself.
    private func check(_ record: SubmissionRecord) -> (BallotVerdict, CanonicalBallot?) {
        guard let form = forms[record.form] else { return (BallotVerdict(.unknownForm, detail: "no form `\(record.form)` in the manifest"), nil) }
        let ballot: CanonicalBallot
        do {
            ballot = try CanonicalBallot.parse(record.ballot)
        } catch {
            return (BallotVerdict(.notCanonical, detail: error.description), nil)
        }
        guard ballot.form == form.id else { return (BallotVerdict(.notCanonical, detail: "the ballot is for form `\(ballot.form)`"), nil) }
        guard let key = Base64URL.decode(record.publicKey), key.count == SignedBallot.publicKeyLength else {
            return (BallotVerdict(.badSignature, detail: "the public key is not 32 bytes of base64url"), ballot)
        }
        guard let signature = Base64URL.decode(record.signature), signature.count == SignedBallot.signatureLength else {
            return (BallotVerdict(.badSignature, detail: "the signature is not 64 bytes of base64url"), ballot)
        }
        let signed = SignedBallot(text: record.ballot, publicKey: key, signature: signature)
        guard signed.receipt == record.receipt else {
            return (BallotVerdict(.badSignature, detail: "the receipt is not the SHA-256 of the signature"), ballot)
        }
        guard signed.isSignatureValid else { return (BallotVerdict(.badSignature, detail: "the signature does not verify"), ballot) }
        if form.eligibility == .roll, let roll = form.roll, rolls.keys[roll]?.contains(record.publicKey) != true {
            return (BallotVerdict(.keyNotInRoll, detail: "the key is not on roll `\(roll)`"), ballot)
        }
        guard let received = ReceivedTime.parse(record.receivedAt) else {
            return (BallotVerdict(.outsideWindow, detail: "received_at `\(record.receivedAt)` is not an ISO 8601 UTC time"), ballot)
        }
        if !form.isOpen(at: received, tolerance: settings.tolerance) {
            let window = (form.opens.map(UTCSecond.format) ?? "the start") + " to " + (form.closes.map(UTCSecond.format) ?? "the end")
            return (BallotVerdict(.outsideWindow, detail: "received \(record.receivedAt), the form was open from \(window)"), ballot)
        }
        if let refusal = BallotRules.check(ballot.items, form: form) { return (BallotVerdict(.breaksRule, detail: Self.describe(refusal)), ballot) }
        if form.eligibility == .open, let identity = record.identity {
            guard let values = Self.identityValues(identity) else {
                return (BallotVerdict(.breaksRule, detail: "the identity column is not a JSON object of strings"), ballot)
            }
            if case .failure(let refusal) = IdentityRules.check(values, form: form) {
                return (BallotVerdict(.breaksRule, detail: Self.describe(refusal)), ballot)
            }
        }
        return (BallotVerdict(.valid), ballot)
    }

    /// One ballot per public key per form counts: the last or first issued. In an opinion conversation a participant
    /// reacts to one statement at a time with the same key, so there it is one ballot per key per statement.
    private func supersede(_ indices: [Int], form: FormSpec, records: [SubmissionRecord], ballots: [CanonicalBallot?],
                           verdicts: inout [BallotVerdict]) {
        let candidates = indices.filter { verdicts[$0].verdict == .valid }.map { index in
            let statements = form.kind == .opinion ? "|" + ballots[index]!.items.map { $0.parts[0] }.joined(separator: ",") : ""
            return RevoteCandidate(index: index, group: records[index].publicKey + statements, issued: ballots[index]!.issued,
                            receivedAt: records[index].receivedAt, receipt: records[index].receipt)
        }
        for (loser, winner) in Supersession.losers(candidates, policy: settings.revote) {
            verdicts[loser] = BallotVerdict(.superseded, detail: "the same key's ballot \(records[winner].receipt) counts instead (--revote \(settings.revote.rawValue))")
        }
    }

    /// On `open` forms, one ballot per person (identity fields normalised for case and spaces).
    private func deduplicateIdentities(_ indices: [Int], form: FormSpec, records: [SubmissionRecord], ballots: [CanonicalBallot?],
                                       verdicts: inout [BallotVerdict], recorded: [String: String]) {
        var candidates: [RevoteCandidate] = []
        for index in indices where verdicts[index].verdict == .valid {
            if let detail = recorded[records[index].receipt] {
                verdicts[index] = BallotVerdict(.duplicateIdentity, detail: detail)
                continue
            }
            guard let identity = records[index].identity.flatMap(Self.identityValues),
                  let key = IdentityKey.key(identity, fields: form.identityFields) else { continue }
            candidates.append(RevoteCandidate(index: index, group: key, issued: ballots[index]!.issued,
                                              receivedAt: records[index].receivedAt, receipt: records[index].receipt))
        }
        for (loser, winner) in Supersession.losers(candidates, policy: settings.revote) {
            verdicts[loser] = BallotVerdict(.duplicateIdentity, detail: "the same identity's ballot \(records[winner].receipt) counts instead")
        }
    }

    private func flag(_ indices: [Int], form: FormSpec, records: [SubmissionRecord], ballots: [CanonicalBallot?], verdicts: inout [BallotVerdict]) {
        let limits = settings.limits
        guard limits.perAddress != nil || limits.perEmailDomain != nil || limits.fastestSeconds != nil else { return }
        let emailField = form.identityFields.first { $0.kind == .email }?.id
        let measured = indices.filter { ballots[$0] != nil }
        let samples = measured.map { index in
            let record = records[index]
            let email = emailField.flatMap { field in record.identity.flatMap(Self.identityValues)?[field] }
            return RateSample(addressHash: record.clientHash.isEmpty ? nil : record.clientHash, emailDomain: email.flatMap(RateFlags.emailDomain),
                              issued: ballots[index]!.issued, receivedAt: ReceivedTime.parse(record.receivedAt))
        }
        for (index, flags) in zip(measured, RateFlags.flags(samples, limits: limits)) { verdicts[index].flags = flags }
    }

    static func describe(_ refusal: Refusal) -> String {
        var text = refusal.code.rawValue
        if let field = refusal.field { text += " (\(field))" }
        return text + ": " + Messages.message(refusal.code, language: "en")
    }

    static func identityValues(_ json: String) -> [String: String]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String]
    }
}
