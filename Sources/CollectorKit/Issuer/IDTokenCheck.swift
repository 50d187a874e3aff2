import Foundation

/// What an ID token must say for the issuer to take it: from the provider's discovery and the roll's settings.
public struct IDTokenExpectations: Sendable {
    /// The provider's `issuer`, as its discovery document gives it.
    public var issuer: String
    public var clientID: String
    /// Claims that must be present (`--require-claim`).
    public var requiredClaims: [String]
    /// Years the `birthdate` claim must give at least (`--min-age`).
    public var minimumAge: Int?
    /// Seconds of clock difference allowed with the provider around `exp` and `iat`.
    public var leeway: TimeInterval

    public init(issuer: String, clientID: String, requiredClaims: [String] = [], minimumAge: Int? = nil, leeway: TimeInterval = 60) {
        self.issuer = issuer
        self.clientID = clientID
        self.requiredClaims = requiredClaims
        self.minimumAge = minimumAge
        self.leeway = leeway
    }
}

/// The checks of an ID token's claims once its signature holds (OpenID Connect Core §3.1.3.7), from values to
/// a refusal or none; the reasons name the claim at fault, never its value.
enum IDTokenCheck {
    static func refusal(of claims: IDTokenClaims, expecting expected: IDTokenExpectations, nonce: String, now: Date) -> LoginRefusal? {
        let failed = { (reason: String) in LoginRefusal(.loginFailed, reason) }
        guard claims.issuer == expected.issuer else {
            return failed("the ID token's issuer (iss) is not the provider's, as its discovery document names it")
        }
        guard claims.audience.contains(expected.clientID) else {
            return failed("the ID token's audience (aud) does not hold this issuer's client id")
        }
        if claims.audience.count > 1, let party = claims.authorizedParty, party != expected.clientID {
            return failed("the ID token names another client as its authorized party (azp)")
        }
        guard claims.nonce == nonce else {
            return failed("the ID token's nonce is not the one this login sent: a replayed or another login's token")
        }
        guard let expires = claims.expires else { return failed("the ID token has no expiry (exp)") }
        guard now.timeIntervalSince1970 <= expires + expected.leeway else {
            return failed("the ID token has expired (exp is past, beyond \(Int(expected.leeway)) seconds of leeway)")
        }
        guard let issuedAt = claims.issuedAt else { return failed("the ID token has no issue time (iat)") }
        guard issuedAt <= now.timeIntervalSince1970 + expected.leeway else {
            return failed("the ID token says it was issued in the future (iat), beyond \(Int(expected.leeway)) seconds of leeway")
        }
        guard let subject = claims.subject, !subject.isEmpty else { return failed("the ID token has no subject (sub)") }
        for name in expected.requiredClaims where !claims.present.contains(name) {
            return LoginRefusal(.notEligible, "the ID token lacks the claim \(name), which this roll requires")
        }
        if let minimum = expected.minimumAge {
            guard let birthdate = claims.birthdate else {
                return LoginRefusal(.notEligible, "the ID token lacks the claim birthdate, which --min-age needs")
            }
            guard let age = Birthdate.age(birthdate, now: now) else {
                return LoginRefusal(.notEligible, "the ID token's birthdate is not a date (YYYY-MM-DD or YYYY)")
            }
            guard age >= minimum else { return LoginRefusal(.notEligible, "the birthdate gives an age under --min-age \(minimum)") }
        }
        return nil
    }
}
