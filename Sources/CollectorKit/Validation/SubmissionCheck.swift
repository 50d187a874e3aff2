import Foundation
import Model

/// The checks a submission passes before it is stored, in the order a participant can fix them.
public struct SubmissionCheck: Sendable {
    /// Clock skew allowed around a form's opening and closing times, in seconds.
    public let tolerance: TimeInterval
    public let verifySignatures: Bool

    /// Boxed: a form is large, and looking one up in a dictionary of structs copies every field of it.
    private final class Entry: Sendable {
        let spec: FormSpec
        init(_ spec: FormSpec) { self.spec = spec }
    }

    private let forms: [String: Entry]
    /// The rolls given to `serve --roll`: a form voted with codes of one of them takes only its keys.
    private let rollKeys: RollKeys
    private let issuers: [String: IssuerKey]
    private let filers: [String: IssuerKey]

    public init(manifest: BallotManifest, tolerance: TimeInterval = 60, verifySignatures: Bool = false, rolls: Rolls = .none) {
        self.tolerance = tolerance
        self.verifySignatures = verifySignatures
        self.forms = Dictionary(manifest.forms.map { ($0.id, Entry($0)) }, uniquingKeysWith: { first, _ in first })
        rollKeys = rolls.keys
        issuers = manifest.readableIssuerKeys
        filers = manifest.readableFilerKeys
    }

    public func form(_ id: String) -> FormSpec? { forms[id]?.spec }

    /// Whether `form` takes submissions at `now`.
    public func checkOpen(_ form: FormSpec, at now: Date) -> Refusal? {
        if let opens = form.opens, now < opens.addingTimeInterval(-tolerance) { return Refusal(.formNotOpen, field: "form") }
        if !form.isOpen(at: now, tolerance: tolerance) { return Refusal(.formClosed, field: "form") }
        return nil
    }

    public func check(_ input: SubmissionInput, at now: Date) -> Result<Submission, Refusal> {
        guard let entry = forms[input.form] else { return .failure(Refusal(.unknownForm, field: "form")) }
        return check(input, form: entry.spec, at: now)
    }

    private func check(_ input: SubmissionInput, form: FormSpec, at now: Date) -> Result<Submission, Refusal> {
        if let refusal = checkOpen(form, at: now) { return .failure(refusal) }
        let ballot: CanonicalBallot
        do {
            ballot = try CanonicalBallot.parse(input.ballot)
        } catch {
            return .failure(Refusal(.ballotNotCanonical, field: "ballot", detail: error.description))
        }
        guard ballot.form == form.id else { return .failure(Refusal(.formMismatch, field: "ballot")) }
        // A ballot dated ahead would beat every later revote under `--revote last`; `verify` refuses it too. The
        // collector's time goes back with the refusal, so a page on a device whose clock is ahead signs again with it.
        if ballot.issued > now.addingTimeInterval(tolerance) {
            return .failure(Refusal(.issuedInFuture, field: "ballot", detail: UTCSecond.format(now)))
        }
        if let refusal = BallotRules.check(ballot.items, form: form) { return .failure(refusal) }
        let identity: [String: String]
        switch IdentityRules.check(input.identity, form: form) {
        case .success(let cleaned): identity = cleaned
        case .failure(let refusal): return .failure(refusal)
        }
        guard let publicKey = Base64URL.decode(input.publicKey), publicKey.count == SignedBallot.publicKeyLength else {
            return .failure(Refusal(.invalidPublicKey, field: "public_key"))
        }
        // The roll is public, so a code that is not on it is told at once rather than "stored" and set aside weeks
        // later; `verify` checks again whatever was given here.
        if form.eligibility == .roll, let roll = form.roll, rollKeys.holds(roll), let key = Bytes32(publicKey), !rollKeys.contains(key, roll: roll) {
            return .failure(Refusal(.keyNotInRoll, field: "public_key"))
        }
        // A forged credential is refused here, at the cost of one RSA check, rather than stored and set aside by `verify`.
        switch Credential.problem(ballot, publicKey: publicKey, form: form, issuer: issuers[form.id]) {
        case nil: break
        case .missing: return .failure(Refusal(.credentialRequired, field: "ballot"))
        case let problem?: return .failure(Refusal(.credentialInvalid, field: "ballot", detail: problem.description))
        }
        if form.attestsFilers, !FilerAttestation.holds(identity: identity, publicKey: publicKey, form: form, issuer: filers[form.id]) {
            return .failure(Refusal(.identityNotConfirmed, field: "identity." + FilerAttestation.identityKey))
        }
        guard let signature = Base64URL.decode(input.signature), signature.count == SignedBallot.signatureLength else {
            return .failure(Refusal(.invalidSignature, field: "signature"))
        }
        let signed = SignedBallot(text: input.ballot, publicKey: publicKey, signature: signature)
        // An attested filing always: its name, key and attestation are copied as a set from any stored row, and only
        // the signature shows that the filer's page, which holds the key, sent it.
        if verifySignatures || form.attestsFilers, !signed.isSignatureValid { return .failure(Refusal(.signatureMismatch, field: "signature")) }
        return .success(Submission(form: form.id, signed: signed, identity: identity))
    }
}
