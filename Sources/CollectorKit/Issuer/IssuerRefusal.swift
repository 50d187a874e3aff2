/// A refusal of the issuer's API: `{"error": code, "message": text}`, with `field` when one field is at fault.
struct IssuerRefusal: Error, Equatable, Sendable {
    let status: Int
    let code: String
    let message: String
    var field: String?

    static func invalidField(_ field: String, _ message: String) -> IssuerRefusal {
        IssuerRefusal(status: 422, code: "invalid_field", message: message, field: field)
    }

    static let badGrant = IssuerRefusal(status: 403, code: "bad_grant",
                                        message: "This grant is unknown, already used or expired (10 minutes): log in again from the page.")
    static let alreadyIssued = IssuerRefusal(status: 409, code: "already_issued",
                                             message: "A credential for this roll was already issued to this person.")
    static let busy = IssuerRefusal(status: 503, code: "busy", message: "Too many logins are in progress; try again in a minute.")
    static let filingNotOffered = IssuerRefusal(status: 404, code: "filing_not_offered",
                                                message: "This issuer does not attest petition filers: it was started without --filing-key.")
    static let loginNotOffered = IssuerRefusal(status: 404, code: "login_not_offered",
                                               message: "This issuer has no identity provider: the roll's people use their voting code (POST /v1/code-grants).")
    static let codesNotOffered = IssuerRefusal(status: 404, code: "codes_not_offered",
                                               message: "This issuer takes no voting codes: log in with the identity provider (GET /v1/login).")
    static let unavailable = IssuerRefusal(status: 503, code: "unavailable", message: "The issuer cannot record credentials now; try again later.")
}
