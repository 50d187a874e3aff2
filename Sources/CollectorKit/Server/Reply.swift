import Hummingbird
import HTTPTypes
import NIOCore

/// An answer as plain values, so the router and the submission channel send the same status, headers and body.
struct Reply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    var response: Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// The whole HTTP/1.1 answer with `extra` headers after its own, for a connection refused before any HTTP
    /// handler exists (one over the connection cap); it closes.
    func http1(adding extra: [HTTPField]) -> ByteBuffer {
        var text = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for field in Array(headers) + extra { text += "\(field.name.rawName): \(field.value)\r\n" }
        text += "Content-Length: \(body.readableBytes)\r\nConnection: close\r\n\r\n"
        var buffer = ByteBuffer(string: text)
        buffer.writeImmutableBuffer(body)
        return buffer
    }
}
