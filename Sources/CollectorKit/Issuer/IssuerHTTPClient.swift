import Foundation
import Model
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How the issuer talks to the identity provider: a GET or a form POST, answered with a status and a body.
/// A protocol so that tests can stand in for the provider.
public protocol IssuerHTTPClient: Sendable {
    func get(_ url: URL) async throws -> (status: Int, body: Data)
    func postForm(_ url: URL, fields: [(String, String)]) async throws -> (status: Int, body: Data)
}

/// `IssuerHTTPClient` over Foundation's `URLSession`, without cookies or a cache, and with a timeout.
public struct URLSessionHTTPClient: IssuerHTTPClient {
    private let session: URLSession

    /// The provider's answers are small; a body over `byteLimit` is refused rather than read into memory.
    static let byteLimit = 1 << 20

    public init(timeout: TimeInterval = 15) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    public func get(_ url: URL) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return try await send(request)
    }

    public func postForm(_ url: URL, fields: [(String, String)]) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = Data(fields.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&").utf8)
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> (status: Int, body: Data) {
        let (body, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        guard body.count <= Self.byteLimit else { throw URLError(.dataLengthExceedsMaximum) }
        return (http.statusCode, body)
    }
}
