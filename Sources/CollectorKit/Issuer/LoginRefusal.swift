/// Why a login gave no grant: the code the page is sent back with (`#credential_error=`), and a reason for the
/// issuer's log that names no subject and no claim's value.
public struct LoginRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The provider's answer or its ID token could not be trusted, or the person did not finish logging in.
        case loginFailed = "login_failed"
        /// The person logged in, but the roll's conditions (required claims, age) do not hold.
        case notEligible = "not_eligible"
        /// This person already has a credential for the roll.
        case alreadyIssued = "already_issued"
        /// The issuer could not record or check the login (its database, or too many logins at once).
        case unavailable = "unavailable"
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code.rawValue): \(reason)" }
}
