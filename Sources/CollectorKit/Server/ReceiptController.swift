import Hummingbird
import NIOCore

/// `GET /v1/receipts/{receipt}`: whether the submission with that receipt is stored here, with the log's proof.
struct ReceiptController: Sendable {
    let services: CollectorServices

    func lookup(_ request: Request, context: CollectorContext) async -> Response {
        let receipt = context.parameters.get("receipt") ?? ""
        guard receipt.utf8.count == 64, receipt.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return services.refuse(Refusal(.invalidReceipt, field: "receipt"), request: request)
        }
        do {
            guard let (storedAt, entry) = try services.store.entry(receipt: receipt) else {
                var body = ByteBuffer()
                body.writeStaticString("{\"receipt\":")
                FlatJSON.quote(receipt, into: &body)
                body.writeStaticString(",\"stored\":false}")
                return Response(status: .notFound, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
            }
            var body = ByteBuffer()
            body.writeStaticString("{")
            if let proof = services.heads.proof(of: entry) {
                body.writeStaticString("\"log\":")
                proof.write(into: &body)
                body.writeStaticString(",")
            }
            body.writeStaticString("\"receipt\":")
            FlatJSON.quote(receipt, into: &body)
            body.writeStaticString(",\"stored\":true,\"stored_at\":")
            FlatJSON.quote(storedAt, into: &body)
            body.writeStaticString("}")
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
        } catch {
            return services.refuse(Refusal(.unavailable), request: request)
        }
    }
}
