import CollectorKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Model

/// Runs `body` against an in-process collector on a fresh database: its router alone, or (`live`) the whole
/// server on a loopback port, where submissions take the event-loop path (`SubmissionChannelHandler`).
func withCollector(
    manifest: BallotManifest = Fixtures.manifest,
    configuration: CollectorConfiguration = Fixtures.configuration(),
    environment: CollectorEnvironment = Fixtures.environment(),
    live: Bool = false,
    idleTimeout: Duration = .seconds(30),
    _ body: (any TestClientProtocol, TestDatabase) async throws -> Void
) async throws {
    let path = Fixtures.temporaryDatabase()
    let metrics = CollectorMetrics()
    let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path), onCommit: { metrics.recordCommit(batchSize: $0, seconds: $1) })
    do {
        if live {
            let app = CollectorServer.application(manifest: manifest, configuration: configuration, store: store, metrics: metrics,
                                                  environment: environment, host: "127.0.0.1", port: 0, idleTimeout: idleTimeout,
                                                  logger: Logger(label: "live-test"))
            try await app.test(.live) { client in try await body(client, TestDatabase(path: path)) }
        } else {
            let router = CollectorServer.router(manifest: manifest, configuration: configuration, store: store, metrics: metrics,
                                                environment: environment)
            try await Application(router: router).test(.router) { client in try await body(client, TestDatabase(path: path)) }
        }
    } catch {
        await store.close()
        throw error
    }
    await store.close()
}

extension TestClientProtocol {
    func postJSON(_ body: ByteBuffer, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        if fields[.contentType] == nil { fields[.contentType] = "application/json" }
        return try await execute(uri: "/v1/submissions", method: .post, headers: fields, body: body)
    }

    func postForm(_ formID: String, _ fields: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = headers
        if all[.contentType] == nil { all[.contentType] = "application/x-www-form-urlencoded" }
        let body = fields.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        return try await execute(uri: "/v1/forms/" + formID, method: .post, headers: all, body: ByteBuffer(string: body))
    }
}

/// What a browser sends for a form field: spaces as `+`, everything else outside unreserved percent-encoded.
func formEncode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-_.~ ")
    return text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: " ", with: "+")
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
