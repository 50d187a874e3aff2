import Foundation
import JWTKit
import Model

/// The identity provider as its discovery document describes it, and the two calls the issuer makes to it: the
/// code exchange and its published keys.
public struct OpenIDProvider: Sendable {
    /// The fields of the discovery document the issuer uses (OpenID Connect Discovery §3).
    struct Metadata: Decodable, Sendable {
        var issuer: String
        var authorization_endpoint: String
        var token_endpoint: String
        var jwks_uri: String
    }

    /// Why the provider could not be used; says which document or call, and what it answered.
    public struct ProviderError: Error, CustomStringConvertible {
        public let description: String
    }

    public let issuer: String
    let authorizationEndpoint: URL
    let tokenEndpoint: URL
    let jwksURL: URL
    let client: any IssuerHTTPClient

    /// Reads the discovery document at `discovery`. Its endpoints must be https, or http on a loopback address
    /// (a provider run for tests): a login's code and the client secret never cross a network in clear.
    public static func discover(_ discovery: URL, client: any IssuerHTTPClient) async throws -> OpenIDProvider {
        let metadata: Metadata
        do {
            let (status, body) = try await client.get(discovery)
            guard status == 200 else { throw ProviderError(description: "answered HTTP \(status)") }
            metadata = try JSONDecoder().decode(Metadata.self, from: body)
        } catch let error as ProviderError {
            throw ProviderError(description: "\(discovery.absoluteString): \(error.description); give the provider's discovery URL (…/.well-known/openid-configuration)")
        } catch {
            throw ProviderError(description: "\(discovery.absoluteString): not an OpenID Connect discovery document (\(error)); give the provider's discovery URL (…/.well-known/openid-configuration)")
        }
        func endpoint(_ text: String, _ name: String) throws -> URL {
            guard let url = URL(string: text), isSecure(url) else {
                throw ProviderError(description: "\(discovery.absoluteString): its \(name) `\(text)` is not an https URL (http only on a loopback address, for tests)")
            }
            return url
        }
        return OpenIDProvider(issuer: metadata.issuer,
                              authorizationEndpoint: try endpoint(metadata.authorization_endpoint, "authorization_endpoint"),
                              tokenEndpoint: try endpoint(metadata.token_endpoint, "token_endpoint"),
                              jwksURL: try endpoint(metadata.jwks_uri, "jwks_uri"), client: client)
    }

    /// https, or http to 127.0.0.0/8, ::1 or localhost.
    static func isSecure(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return url.host != nil
        case "http":
            guard let host = url.host?.lowercased() else { return false }
            return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
        default: return false
        }
    }

    /// Where the browser is sent to log in: the authorization code flow with PKCE (S256).
    func authorizationURL(clientID: String, redirectURI: String, scope: String, state: String, nonce: String, codeChallenge: String,
                          acrValues: String?) -> URL {
        var fields = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", scope),
                      ("state", state), ("nonce", nonce), ("code_challenge", codeChallenge), ("code_challenge_method", "S256")]
        if let acrValues { fields.append(("acr_values", acrValues)) }
        // A fresh login every time: on a shared screen the provider's session would otherwise still be the last
        // person's, who would then get the next person's credential refused or their petition filed under their name.
        fields.append(("prompt", "login"))
        let query = fields.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
        let separator = authorizationEndpoint.query == nil ? "?" : "&"
        return URL(string: authorizationEndpoint.absoluteString + separator + query)!
    }

    /// The ID token the token endpoint gives for `code` (client_secret_post).
    func exchange(code: String, verifier: String, redirectURI: String, clientID: String, clientSecret: String) async throws(LoginRefusal) -> String {
        struct TokenAnswer: Decodable { var id_token: String? }
        let fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier),
                      ("client_id", clientID), ("client_secret", clientSecret)]
        let answer: (status: Int, body: Data)
        do {
            answer = try await client.postForm(tokenEndpoint, fields: fields)
        } catch {
            throw LoginRefusal(.loginFailed, "the provider's token endpoint could not be reached (\(error.localizedDescription))")
        }
        guard answer.status == 200 else { throw LoginRefusal(.loginFailed, "the provider's token endpoint refused the code (HTTP \(answer.status))") }
        guard let token = (try? JSONDecoder().decode(TokenAnswer.self, from: answer.body))?.id_token else {
            throw LoginRefusal(.loginFailed, "the provider's token endpoint answered without an ID token (is `openid` in --scope?)")
        }
        return token
    }

    /// The provider's published keys, read at each login so that a key the provider rotates in is known at once.
    func keys() async throws(LoginRefusal) -> JWKS {
        do {
            let (status, body) = try await client.get(jwksURL)
            guard status == 200 else { throw LoginRefusal(.loginFailed, "the provider's JWKS answered HTTP \(status)") }
            return try JSONDecoder().decode(JWKS.self, from: body)
        } catch let refusal as LoginRefusal {
            throw refusal
        } catch {
            throw LoginRefusal(.loginFailed, "the provider's JWKS could not be read (\(error.localizedDescription))")
        }
    }
}
