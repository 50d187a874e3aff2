import Foundation
import JWTKit

/// The claims of an ID token that the issuer reads, and the names of every claim it carries (for
/// `--require-claim`); the other values are never kept.
struct IDTokenClaims: JWTPayload {
    var issuer: String?
    var subject: String?
    var audience: [String]
    var authorizedParty: String?
    var expires: Double?
    var issuedAt: Double?
    var nonce: String?
    var birthdate: String?
    /// Read for a filing login only, and held in memory until its grant is used or expires.
    var givenName: String?
    var familyName: String?
    /// Claims present with a value other than null or an empty string.
    var present: Set<String>

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func text(_ name: String) -> String? { try? container.decode(String.self, forKey: Key(name)) }
        func number(_ name: String) -> Double? { try? container.decode(Double.self, forKey: Key(name)) }
        issuer = text("iss")
        subject = text("sub")
        audience = (try? container.decode([String].self, forKey: Key("aud"))) ?? text("aud").map { [$0] } ?? []
        authorizedParty = text("azp")
        expires = number("exp")
        issuedAt = number("iat")
        nonce = text("nonce")
        birthdate = text("birthdate")
        givenName = text("given_name")
        familyName = text("family_name")
        present = Set(container.allKeys.filter { key in
            guard (try? container.decodeNil(forKey: key)) == false else { return false }
            return (try? container.decode(String.self, forKey: key)) != ""
        }.map(\.stringValue))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(issuer, forKey: Key("iss"))
        try container.encodeIfPresent(subject, forKey: Key("sub"))
        try container.encode(audience, forKey: Key("aud"))
        try container.encodeIfPresent(authorizedParty, forKey: Key("azp"))
        try container.encodeIfPresent(expires, forKey: Key("exp"))
        try container.encodeIfPresent(issuedAt, forKey: Key("iat"))
        try container.encodeIfPresent(nonce, forKey: Key("nonce"))
        try container.encodeIfPresent(birthdate, forKey: Key("birthdate"))
        try container.encodeIfPresent(givenName, forKey: Key("given_name"))
        try container.encodeIfPresent(familyName, forKey: Key("family_name"))
    }

    /// Nothing here: `IDTokenCheck` checks the claims on the issuer's clock, with messages of its own.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
