import Hummingbird
import NIOCore

/// Reads a request body within the size limit, after checking its media type.
enum BodyReader {
    /// Whether a `Content-Type` value names `mediaType` (lowercase): any case, parameters such as `charset` allowed.
    static func matches(_ declared: String, _ mediaType: String) -> Bool {
        let bytes = Array(declared.utf8)
        let expected = Array(mediaType.utf8)
        let lowercase = { (byte: UInt8) in (65...90).contains(byte) ? byte + 32 : byte }
        guard bytes.count >= expected.count, zip(bytes, expected).allSatisfy({ lowercase($0) == $1 }) else { return false }
        let rest = bytes.dropFirst(expected.count).drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        return rest.isEmpty || rest.first == UInt8(ascii: ";")
    }

    static func read(_ request: Request, mediaType: String, limit: Int) async -> Result<[UInt8], Refusal> {
        guard let declared = request.headers[.contentType], matches(declared, mediaType) else {
            return .failure(Refusal(.unsupportedMediaType, field: "content-type"))
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            return .failure(Refusal(.bodyTooLarge))
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return .success(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch is NIOTooManyBytesError {
            return .failure(Refusal(.bodyTooLarge))
        } catch {
            return .failure(Refusal(.unavailable))
        }
    }
}
