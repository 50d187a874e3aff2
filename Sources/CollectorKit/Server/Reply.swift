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
}
