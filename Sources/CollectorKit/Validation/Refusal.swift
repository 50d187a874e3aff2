/// Why a request was refused: a stable code for programs, the offending field for people and forms.
public struct Refusal: Error, Equatable, Sendable {
    public let code: RefusalCode
    /// The request field at fault (`form`, `ballot`, `choice`, `q.q3`, `identity.email`, ...), or nil.
    public let field: String?
    /// A technical reason in English, for refusals whose code alone does not say what to fix (a non-canonical ballot).
    public let detail: String?

    public init(_ code: RefusalCode, field: String? = nil, detail: String? = nil) {
        self.code = code
        self.field = field
        self.detail = detail
    }
}

/// The stable error codes of the collector's API; their messages live in `Messages`.
public enum RefusalCode: String, Sendable, CaseIterable {
    case unsupportedMediaType = "unsupported_media_type"
    case bodyTooLarge = "body_too_large"
    case invalidUTF8 = "invalid_utf8"
    case invalidJSON = "invalid_json"
    case invalidFormData = "invalid_form_data"
    case unknownField = "unknown_field"
    case missingField = "missing_field"
    case originNotAllowed = "origin_not_allowed"
    case rateLimited = "rate_limited"
    case notFound = "not_found"
    /// A path of the site (kiosk mode) that no page links to: an encoded slash, a backslash, a control character, a `..`.
    case invalidPath = "invalid_path"
    case unavailable = "unavailable"
    /// The collector holds as many connections as it may (`--max-connections`): nothing is wrong with the request.
    case busy = "busy"
    /// A transfer coding other than `chunked`: the body would be read as something it is not.
    case unsupportedEncoding = "unsupported_encoding"
    case unknownForm = "unknown_form"
    case formNotOpen = "form_not_open"
    case formClosed = "form_closed"
    case ballotNotCanonical = "ballot_not_canonical"
    /// The ballot says it was signed later than the collector's clock plus the tolerance.
    case issuedInFuture = "issued_in_future"
    case formMismatch = "form_mismatch"
    case invalidChoice = "invalid_choice"
    case conflictingChoices = "conflicting_choices"
    case tooFewChoices = "too_few_choices"
    case tooManyChoices = "too_many_choices"
    case overBudget = "over_budget"
    case underBudget = "under_budget"
    case invalidPoints = "invalid_points"
    case tooManyPoints = "too_many_points"
    case missingAnswer = "missing_answer"
    case textTooLong = "text_too_long"
    case invalidPublicKey = "invalid_public_key"
    case invalidSignature = "invalid_signature"
    case signatureMismatch = "signature_mismatch"
    case invalidCode = "invalid_code"
    /// A well-formed key that is not on the public roll of its form (`serve --roll`).
    case keyNotInRoll = "key_not_in_roll"
    case codeMistyped = "code_mistyped"
    /// A `credential` form's ballot without the credential that only the page's script can get from the issuer.
    case credentialRequired = "credential_required"
    /// A credential the form's issuer did not sign for the ballot's key, or one on a form voted otherwise.
    case credentialInvalid = "credential_invalid"
    /// A filing whose name the roll's issuer has not attested for the ballot's key (docs/ISSUER.md, "Filing").
    case identityNotConfirmed = "identity_not_confirmed"
    case missingIdentity = "missing_identity"
    case invalidIdentity = "invalid_identity"
    case invalidReceipt = "invalid_receipt"
    case invalidTreeSize = "invalid_tree_size"

    /// The HTTP status of a refusal with this code.
    public var status: Int {
        switch self {
        case .unsupportedMediaType: return 415
        case .bodyTooLarge: return 413
        case .originNotAllowed, .formNotOpen, .formClosed: return 403
        case .rateLimited: return 429
        case .notFound, .unknownForm: return 404
        case .unavailable, .busy: return 503
        case .unsupportedEncoding: return 501
        case .invalidUTF8, .invalidJSON, .invalidFormData, .unknownField, .missingField, .invalidReceipt, .invalidPath, .invalidTreeSize: return 400
        default: return 422
        }
    }
}
