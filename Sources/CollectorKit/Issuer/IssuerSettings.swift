import Foundation

/// What one issuer process serves: its roll, how it reaches the identity provider, and its limits.
public struct IssuerSettings: Sendable {
    public var roll: String
    /// This issuer's own address as the browser reaches it, without a trailing slash: the callback is under it.
    public var publicURL: String
    /// Origins of the sites whose pages may send people here and call `POST /v1/credentials`.
    public var sites: [String]
    public var clientID: String
    public var clientSecret: String
    /// Scopes of a credential's login: never a name, which the issuer has no use for there.
    public var scope: String
    /// Scopes of a filing login (`purpose=file`): the name, and what proves the age.
    public var filingScope: String
    public var acrValues: String?
    public var requiredClaims: [String]
    public var minimumAge: Int?
    /// How long a login may take at the provider, and how long a grant waits for its blinded message.
    public var lifetime: TimeInterval = 600
    /// Logins in progress (and grants waiting) at once: each costs memory until it expires.
    public var pendingLimit = 10_000
    public var bodyLimit = 16 * 1024
    public var maxConnections = 1024

    public init(roll: String, publicURL: String, sites: [String], clientID: String, clientSecret: String, scope: String = "openid",
                filingScope: String = IssuerSettings.defaultFilingScope, acrValues: String? = nil, requiredClaims: [String] = [],
                minimumAge: Int? = nil) {
        self.roll = roll
        self.publicURL = publicURL
        self.sites = sites
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
        self.filingScope = filingScope
        self.acrValues = acrValues
        self.requiredClaims = requiredClaims
        self.minimumAge = minimumAge
    }

    /// The scopes of FranceConnect (and OpenID Connect's standard claims) that give a filer's name and age.
    public static let defaultFilingScope = "openid given_name family_name birthdate"

    /// Where the provider sends the browser back: the address to register there.
    public var redirectURI: String { publicURL + "/v1/callback" }
}
