import Foundation
import NIOHTTP1

/// How a request's head must frame what follows it for every part of a server to read it alike; shared by the
/// collector's channel and the issuer's.
enum BodyFraming {
    /// Hummingbird's own limits on a head (HTTP1Channel.Configuration's defaults).
    static var decoderLimits: NIOHTTPDecoderLimitConfiguration {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = 80 * 1024
        limits.maxHeaderListSize = 80 * 1024
        limits.maxHeaderFieldCount = 1000
        return limits
    }

    /// Whether the body's framing is one every part of the server reads alike: no transfer coding but `chunked`.
    /// (NIO's parser already refuses two lengths, a length beside chunked and a folded header.)
    static func readsBody(of head: HTTPRequestHead) -> Bool {
        let codings = head.headers["transfer-encoding"].flatMap { $0.split(separator: ",") }
        return codings.allSatisfy { $0.trimmingCharacters(in: .whitespaces).lowercased() == "chunked" } && codings.count <= 1
    }
}
