import Foundation
import JWTKit
import Model

/// An ID token checked as OpenID Connect asks: its signature under one of the provider's published keys (its
/// JWKS, with jwt-kit), then its claims (`IDTokenCheck`).
struct IDTokenVerifier: Sendable {
    /// Signatures by a public key only: `none` signs nothing, and an HMAC algorithm would take the published key
    /// itself as its secret.
    static let algorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]

    let jwks: JWKS

    func verify(_ token: String, expecting expected: IDTokenExpectations, nonce: String, now: Date) async -> Result<IDTokenClaims, LoginRefusal> {
        let failed = { (reason: String) in Result<IDTokenClaims, LoginRefusal>.failure(LoginRefusal(.loginFailed, reason)) }
        guard let algorithm = Self.algorithm(of: token) else { return failed("the ID token is not a signed JWT") }
        guard Self.algorithms.contains(algorithm) else {
            return failed("the ID token is signed with \(algorithm), not with a public-key algorithm (\(Self.algorithms.sorted().joined(separator: ", ")))")
        }
        let claims: IDTokenClaims
        do {
            let keys = JWTKeyCollection()
            var usable = 0
            for (index, key) in jwks.keys.enumerated() {
                var key = key
                // jwt-kit files keys by their id; a provider with one key may give it none.
                key.keyIdentifier = key.keyIdentifier ?? JWKIdentifier(string: "key-\(index)")
                if (try? await keys.add(jwk: key)) != nil { usable += 1 }
            }
            guard usable > 0 else { return failed("the provider's keys (JWKS) hold no key this issuer can check a signature with") }
            // A token that names no key, or one the provider has since published under another id, is tried with each.
            claims = try await keys.verify(token, as: IDTokenClaims.self, iteratingKeys: true)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            return failed("the ID token's signature does not hold under the provider's keys (JWKS)")
        } catch {
            return failed("the ID token could not be checked against the provider's keys (JWKS): \(Self.reason(error))")
        }
        if let refusal = IDTokenCheck.refusal(of: claims, expecting: expected, nonce: nonce, now: now) { return .failure(refusal) }
        return .success(claims)
    }

    /// The `alg` of the token's header, or nil when the token is not three base64url parts with a JSON header.
    private static func algorithm(of token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Base64URL.decode(String(parts[0])),
              let object = try? JSONSerialization.jsonObject(with: Data(header)) as? [String: Any]
        else { return nil }
        return object["alg"] as? String
    }

    /// jwt-kit's words for what went wrong, without the token's content.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? JWTError else { return "\(type(of: error))" }
        return error.reason ?? error.errorType.description
    }
}
