import Foundation
import Hummingbird
import Model

/// Builds the collector's responses: JSON for scripts, small HTML pages for forms posted without JavaScript.
enum Answers {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        jsonReply(value, status: status).response
    }

    static func jsonReply(_ value: some Encodable, status: HTTPResponse.Status) -> Reply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs cannot fail.
        let data = try! encoder.encode(value)
        return Reply(status: status, headers: jsonHeaders, body: ByteBuffer(bytes: data))
    }

    /// `{"form": ..., "receipt": ..., "stored_at": ..., "replaces": true (only then), "log": ...}`, written directly: it
    /// is the answer to every submission.
    static func receipt(_ receipt: Receipt, status: HTTPResponse.Status) -> Reply {
        // The log's proof adds about 70 bytes per level of the tree and 300 for the head.
        var body = ByteBufferAllocator().buffer(capacity: 1600 + receipt.form.utf8.count)
        body.writeStaticString("{\"form\":")
        FlatJSON.quote(receipt.form, into: &body)
        body.writeStaticString(",\"receipt\":")
        FlatJSON.quote(receipt.receipt, into: &body)
        body.writeStaticString(",\"stored_at\":")
        FlatJSON.quote(receipt.storedAt, into: &body)
        if receipt.replaces { body.writeStaticString(",\"replaces\":true") }
        if let log = receipt.log {
            body.writeStaticString(",\"log\":")
            log.write(into: &body)
        }
        body.writeStaticString("}")
        return Reply(status: status, headers: jsonHeaders, body: body)
    }

    private static let jsonHeaders: HTTPFields = [.contentType: "application/json; charset=utf-8"]

    /// `{"error": {"code": ..., "message": ..., "field": ...}}`, `message` in the participant's language.
    static func refusal(_ refusal: Refusal, message: String, retryAfter: Int? = nil) -> Reply {
        var reply = jsonReply(ErrorBody(code: refusal.code.rawValue, message: message, field: refusal.field, detail: refusal.detail),
                              status: .init(code: refusal.code.status))
        if let retryAfter { reply.headers[.retryAfter] = String(retryAfter) }
        return reply
    }

    /// The same shape for a service whose codes are its own (the credential issuer's).
    static func refusal(code: String, message: String, field: String?, status: Int) -> Reply {
        jsonReply(ErrorBody(code: code, message: message, field: field, detail: nil), status: .init(code: status))
    }

    static func html(_ page: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func text(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The request's languages from `Accept-Language`, best first (weights are ignored beyond their order).
    static func preferredLanguages(_ headers: HTTPFields) -> [String] {
        guard let header = headers.value(.acceptLanguage) else { return [] }
        return header.split(separator: ",").compactMap { part in
            let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? ""
            return tag.isEmpty || tag == "*" ? nil : tag
        }
    }
}

private struct ErrorBody: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        let field: String?
        let detail: String?
    }

    let error: Detail

    init(code: String, message: String, field: String?, detail: String?) {
        error = Detail(code: code, message: message, field: field, detail: detail)
    }
}
