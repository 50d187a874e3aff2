import Hummingbird
import NIOCore

/// Reads a request body within the size limit, after checking its media type.
enum BodyReader {
    static func read(_ request: Request, mediaType: String, limit: Int) async -> Result<[UInt8], Refusal> {
        let declared = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard declared == mediaType else { return .failure(Refusal(.unsupportedMediaType, field: "content-type")) }
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
