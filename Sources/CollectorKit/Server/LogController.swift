import Foundation
import Hummingbird
import Model
import NIOCore

/// The collector's receipt log (docs/LOG.md): `GET /v1/log/head`, the signed head of every durable receipt with the
/// key that signs it, and `GET /v1/log/consistency?first=M&second=N`, the proof that the log of N receipts extends
/// the log of M (RFC 9162 §2.1.4), so a head shown earlier can be held to the one published later.
struct LogController: Sendable {
    let services: CollectorServices

    func head(_ request: Request, context: CollectorContext) async -> Response {
        guard let (_, json) = services.heads.current() else { return services.refuse(Refusal(.unavailable), request: request) }
        var body = ByteBuffer()
        body.writeStaticString("{\"public_key\":\"")
        body.writeString(services.heads.publicKeyText)
        body.writeStaticString("\",\"tree_head\":")
        body.writeString(json)
        body.writeStaticString("}")
        return Self.json(body)
    }

    func consistency(_ request: Request, context: CollectorContext) async -> Response {
        let query = request.uri.queryParameters
        guard let first = query["first"].flatMap(Self.size) else {
            return services.refuse(Refusal(.invalidTreeSize, field: "first"), request: request)
        }
        guard let second = query["second"].flatMap(Self.size),
              let proof = services.store.log.consistencyProof(first: first, second: second), let json = try? CanonicalJSON.compact(proof) else {
            return services.refuse(Refusal(.invalidTreeSize, field: "second"), request: request)
        }
        return Self.json(ByteBuffer(bytes: json))
    }

    /// A size as docs/LOG.md writes one: decimal digits only (no sign, no space).
    private static func size(_ text: Substring) -> UInt64? {
        text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) ? UInt64(text) : nil
    }

    private static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: body))
    }
}
