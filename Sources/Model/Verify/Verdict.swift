/// What offline verification decided about one stored ballot; only `valid` ballots are counted.
public enum Verdict: String, Codable, Sendable, CaseIterable, Comparable {
    case valid
    /// The form id is not in the manifest.
    case unknownForm = "unknown_form"
    /// The text is not a canonical ballot, or is one for another form.
    case notCanonical = "not_canonical"
    /// The public key or the signature is malformed, or the signature does not verify.
    case badSignature = "bad_signature"
    /// A `roll` form's ballot signed by a key that is not on the form's roll.
    case keyNotInRoll = "key_not_in_roll"
    /// A `credential` form's ballot without a credential, or with one its roll's issuer did not sign for its key.
    case badCredential = "bad_credential"
    /// Received outside the form's window (with the tolerance either side).
    case outsideWindow = "outside_window"
    /// Every collector that stored it received it before the time it says it was signed (beyond the tolerance):
    /// a ballot dated in the future to win `--revote last`, or a collector whose clock was wrong.
    case issuedAfterReceived = "issued_after_received"
    /// The choices break the form's rule (over budget, too many choices, ...); the detail says which.
    case breaksRule = "breaks_rule"
    /// Another valid ballot of the same key counts instead (`--revote last` or `first`).
    case superseded
    /// An `open` form's ballot whose identity fields match those of a ballot that counts instead.
    case duplicateIdentity = "duplicate_identity"

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A warning on a ballot that still counts: the UK petitions site's signs of mass signing, for people to look at.
public enum BallotFlag: String, Codable, Sendable, CaseIterable, Comparable {
    /// More ballots of this form than the limit came from one client address (its salted hash).
    case sameAddress = "same_address"
    /// More ballots of this form than the limit give an email address at this domain.
    case sameDomain = "same_domain"
    /// Received less than the limit after it was issued (signed): filled in faster than a person does.
    case tooFast = "too_fast"
    /// Collectors' files disagree about when it arrived (inside and outside the window, or before it was signed);
    /// it counts by the sightings that are possible (`Arrival`).
    case contestedArrival = "contested_arrival"
    /// Collectors' files hold different identity fields for it (they are not signed): it takes no part in the
    /// one-ballot-per-person check, so no file can make it anyone's duplicate.
    case contestedIdentity = "contested_identity"
    /// Superseded by a ballot under the same key whose identity fields name someone else: two people may have
    /// signed on one shared device, so one of them was not counted. For review; the rule stands.
    case otherIdentity = "other_identity"

    public static func < (lhs: BallotFlag, rhs: BallotFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which of several valid ballots of one credential counts.
public enum RevotePolicy: String, Codable, Sendable, CaseIterable {
    /// The one issued last (a participant may change their vote).
    case last
    /// The one issued first.
    case first
}
