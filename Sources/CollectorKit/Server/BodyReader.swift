import Hummingbird
import NIOCore

/// Reads a request body within the size limit, after checking its media type.
enum BodyReader {
    /// Whether a `Content-Type` value names `mediaType` (lowercase): any case, parameters such as `charset` allowed.
    static func matches(_ declared: String, _ mediaType: String) -> Bool {
        var rest = declared.utf8.makeIterator()
        for expected in mediaType.utf8 {
            guard let byte = rest.next(), ((65...90).contains(byte) ? byte + 32 : byte) == expected else { return false }
        }
        while let byte = rest.next() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            return byte == UInt8(ascii: ";")
        }
        return true
    }

    /// What is wrong with a request's head before its body is read: its media type or its declared length.
    static func admit(_ headers: HTTPFields, mediaType: String, limit: Int) -> Refusal? {
        admit(contentType: headers.value(.contentType), contentLength: headers.value(.contentLength), mediaType: mediaType, limit: limit)
    }

    static func admit(contentType: String?, contentLength: String?, mediaType: String, limit: Int) -> Refusal? {
        guard let contentType, matches(contentType, mediaType) else {
            return Refusal(.unsupportedMediaType, field: "content-type")
        }
        if let length = contentLength.flatMap({ Int($0) }), length > limit {
            return Refusal(.bodyTooLarge)
        }
        return nil
    }

    static func read(_ request: Request, mediaType: String, limit: Int) async -> Result<[UInt8], Refusal> {
        if let refusal = admit(request.headers, mediaType: mediaType, limit: limit) { return .failure(refusal) }
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
